import type { RedisOptions } from 'ioredis';

/**
 * ioredis options for BullMQ from a `redis://` or `rediss://` URL. BullMQ opens (and closes) its
 * own connections from them: commands wait through a Redis restart instead of failing
 * (`maxRetriesPerRequest: null`, which BullMQ workers require).
 */
export function queueConnectionOptions(url: string, name: string): RedisOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.replace(/^\//, '');
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    connectionName: name,
    maxRetriesPerRequest: null,
  };
}
