import type { ThrottlerStorage } from '@nestjs/throttler';
import { RedisClient, RedisKeys, throttleKeys } from '@app/redis';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

// Fixed window per client: INCR the counter (the first hit starts the window). Past the limit the
// client is blocked for blockDuration and its window restarts when the block ends.
// KEYS: hits, blocked. ARGV: ttlMs, limit, blockMs. Returns {hits, windowMsLeft, blocked, blockMsLeft}.
const INCREMENT = `
local blockLeft = redis.call('PTTL', KEYS[2])
if blockLeft > 0 then
  return {tonumber(redis.call('GET', KEYS[1]) or '0'), math.max(redis.call('PTTL', KEYS[1]), 0), 1, blockLeft}
end
local hits = redis.call('INCR', KEYS[1])
local windowLeft = redis.call('PTTL', KEYS[1])
if windowLeft < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  windowLeft = tonumber(ARGV[1])
end
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  redis.call('DEL', KEYS[1])
  return {hits, windowLeft, 1, tonumber(ARGV[3])}
end
return {hits, windowLeft, 0, 0}
`;

type ThrottleRedis = RedisClient['connection'] & {
  pmThrottleIncrement(
    hits: string,
    blocked: string,
    ttlMs: number,
    limit: number,
    blockMs: number,
  ): Promise<[number, number, number, number]>;
};

/**
 * Rate-limit counters in Redis, so a limit holds across every api instance. One Lua call per
 * request (atomic, one round trip). Times in the record are whole seconds, as the guard expects.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly redis: ThrottleRedis;

  constructor(
    client: RedisClient,
    private readonly keys: RedisKeys,
  ) {
    const connection = client.connection;
    // defineCommand sends EVALSHA and falls back to EVAL once; defining twice is harmless but wasteful.
    if (!('pmThrottleIncrement' in connection)) connection.defineCommand('pmThrottleIncrement', { numberOfKeys: 2, lua: INCREMENT });
    this.redis = connection as ThrottleRedis;
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const { hits, blocked } = throttleKeys(this.keys, throttlerName, key);
    const [totalHits, windowLeft, isBlocked, blockLeft] = await this.redis.pmThrottleIncrement(hits, blocked, ttl, limit, blockDuration);
    return {
      totalHits,
      timeToExpire: Math.ceil(windowLeft / 1000),
      isBlocked: isBlocked === 1,
      timeToBlockExpire: Math.ceil(blockLeft / 1000),
    };
  }
}
