import type Redis from 'ioredis';
import type { RedisKeys } from '../redis-keys';

/**
 * Pub/sub channel on which "app {id} changed" is announced (message: the app id). Realtime nodes
 * reload that app's row when they hear it; the channel is not per app so one subscription hears all.
 */
export function appChangesChannel(keys: RedisKeys): string {
  return `${keys.prefix}apps:changed`;
}

/**
 * Tells every realtime node to reload one app (created, changed, disabled or deleted) now instead
 * of at its next periodic refresh. Call it after the `apps` row is committed. Resolves to the number
 * of nodes that heard it.
 */
export function publishAppChanged(connection: Redis, keys: RedisKeys, appId: string): Promise<number> {
  return connection.publish(appChangesChannel(keys), appId);
}
