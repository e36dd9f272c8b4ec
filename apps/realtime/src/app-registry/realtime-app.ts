import type { AppEntity, WebhookTarget } from '@app/database';

/**
 * One tenant as the realtime server sees it: credentials, switches and per-app limits, taken from
 * its `apps` row. Immutable: a change to the row produces a new object.
 */
export interface RealtimeApp {
  readonly id: string;
  readonly key: string;
  readonly secret: string;
  readonly name: string;
  /** A disabled app refuses connections (4003) and REST calls (403). */
  readonly enabled: boolean;
  /** Concurrent connections across the cluster; null means unlimited. */
  readonly maxConnections: number | null;
  /** Members of one presence channel. */
  readonly maxPresenceMembers: number;
  /** Bytes of `data` in one event (REST trigger and client events). */
  readonly maxEventBytes: number;
  readonly clientEventsEnabled: boolean;
  /** Client events one connection may send per second. */
  readonly maxClientEventsPerSecond: number;
  readonly subscriptionCountEnabled: boolean;
  /** Webhook receivers; `events` narrows which webhook event names a target gets (all when absent). */
  readonly webhooks: readonly WebhookTarget[];
}

/** Maps an `apps` row to its realtime view. */
export function toRealtimeApp(row: AppEntity): RealtimeApp {
  return Object.freeze({
    id: row.id,
    key: row.key,
    secret: row.secret,
    name: row.name,
    enabled: row.enabled,
    maxConnections: row.maxConnections,
    maxPresenceMembers: row.maxPresenceMembers,
    maxEventBytes: row.maxEventBytes,
    clientEventsEnabled: row.clientEventsEnabled,
    maxClientEventsPerSecond: row.maxClientEventsPerSecond,
    subscriptionCountEnabled: row.subscriptionCountEnabled,
    webhooks: Object.freeze((row.webhooks ?? []).map((target) => Object.freeze({ ...target }))),
  });
}
