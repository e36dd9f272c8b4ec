import type { RedisKeys } from '../redis-keys';

/** List of an app's webhook events not yet batched into deliveries (JSON entries, oldest first). */
export function webhookPendingKey(keys: RedisKeys, appId: string): string {
  return `${keys.app(appId)}webhooks:pending`;
}

/** Events one flush has taken from the pending list and not yet turned into deliveries (kept for its retry). */
export function webhookClaimKey(keys: RedisKeys, appId: string, flushId: string): string {
  return `${keys.app(appId)}webhooks:claim:${flushId}`;
}
