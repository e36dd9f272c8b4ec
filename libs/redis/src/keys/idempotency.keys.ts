import type { RedisKeys } from '../redis-keys';

/**
 * Marker of a REST trigger already accepted with this `idempotency_key` (SET NX EX). The caller's
 * key is kept as given: it is opaque, and the app stem keeps apps apart.
 */
export function triggerIdempotencyKey(keys: RedisKeys, appId: string, idempotencyKey: string): string {
  return `${keys.app(appId)}idempotency:${idempotencyKey}`;
}
