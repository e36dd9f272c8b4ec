import type { RealtimeApp } from './realtime-app';

/** Called when an app appears, changes, is disabled (`app.enabled === false`) or is removed (`app` undefined). */
export type AppChangeListener = (app: RealtimeApp | undefined, appId: string) => void;

/**
 * The apps this node serves. Lookups are synchronous, from memory: the whole `apps` table is loaded
 * at boot (readiness waits for it) and kept current by change notifications over Redis pub/sub,
 * plus a periodic full refresh in case a notification is lost. A change reaches every node within
 * a second when notified, and within the refresh period otherwise.
 */
export abstract class AppRegistry {
  /** True once the whole table has been loaded; lookups before that find nothing. */
  abstract readonly ready: boolean;

  /** The app with this public key, disabled ones included; undefined when unknown. */
  abstract findByKey(key: string): RealtimeApp | undefined;

  /** The app with this id, disabled ones included; undefined when unknown. */
  abstract findById(id: string): RealtimeApp | undefined;

  /**
   * Registers a listener for changes seen after the first load. Listeners run synchronously after
   * the registry is updated; an exception in one is logged and does not affect the others.
   */
  abstract onChange(listener: AppChangeListener): void;
}
