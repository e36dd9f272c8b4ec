import type Redis from 'ioredis';

/** The app's shared, non-blocking Redis connection (commands, Lua, MULTI). */
export abstract class RedisClient {
  abstract readonly connection: Redis;
}
