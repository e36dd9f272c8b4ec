import Redis, { RedisOptions } from 'ioredis';

/**
 * Opens an ioredis connection named for CLIENT LIST. Commands fail fast (instead of queueing
 * forever) while Redis is down, so callers can answer 503; reconnects back off up to 2 s.
 * `blocking: true` is for BullMQ workers and pub/sub subscribers, which must wait indefinitely.
 */
export function createRedisConnection(url: string, name: string, options: { blocking?: boolean } = {}): Redis {
  const base: RedisOptions = {
    connectionName: name,
    lazyConnect: false,
    enableReadyCheck: true,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
  };
  return new Redis(
    url,
    options.blocking ? { ...base, maxRetriesPerRequest: null } : { ...base, maxRetriesPerRequest: 1, enableOfflineQueue: false },
  );
}
