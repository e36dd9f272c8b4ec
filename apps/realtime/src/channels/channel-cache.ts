import type Redis from 'ioredis';
import { realtimeCacheKey, type RedisKeys } from '@app/redis';

/** The last event of a cache channel. */
export interface CachedEvent {
  event: string;
  data: string;
}

/** Last events of cache channels (`cache-`, `private-cache-`, ...), in Redis with a TTL, shared by the cluster. */
export class ChannelCache {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly ttlSeconds: number,
  ) {}

  async store(appId: string, channel: string, event: string, data: string): Promise<void> {
    await this.redis.set(realtimeCacheKey(this.keys, appId, channel), JSON.stringify([event, data]), 'EX', this.ttlSeconds);
  }

  /** The cached event, or undefined on a miss (or an unreadable value). */
  async load(appId: string, channel: string): Promise<CachedEvent | undefined> {
    const raw = await this.redis.get(realtimeCacheKey(this.keys, appId, channel));
    if (raw === null) return undefined;
    try {
      const value: unknown = JSON.parse(raw);
      if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string') return { event: value[0], data: value[1] };
    } catch {
      // An unreadable entry counts as a miss.
    }
    return undefined;
  }
}
