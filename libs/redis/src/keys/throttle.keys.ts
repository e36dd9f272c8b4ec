import type { RedisKeys } from '../redis-keys';

/**
 * Keys of one client's rate-limit window: a hit counter and a "blocked until" marker. `client` is an
 * opaque hash; the braces keep both keys in one Redis Cluster slot for the Lua script that uses them.
 */
export function throttleKeys(keys: RedisKeys, throttler: string, client: string): { hits: string; blocked: string } {
  const stem = `${keys.prefix}throttle:${throttler}:{${client}}`;
  return { hits: `${stem}:hits`, blocked: `${stem}:blocked` };
}
