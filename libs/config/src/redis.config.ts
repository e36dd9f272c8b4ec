import { registerAs } from '@nestjs/config';
import { Matches } from 'class-validator';
import { IsUrlWithScheme, validateEnv } from './env-validation';

class RedisEnv {
  @IsUrlWithScheme(['redis', 'rediss'], 'redis://[:password@]host:6379[/db]')
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every key we write, so several deployments (or test runs) can share one Redis. */
  @Matches(/^[A-Za-z0-9:_-]{0,32}$/, { message: 'must be up to 32 letters, digits, ":", "_" or "-"' })
  REDIS_KEY_PREFIX = 'pm:';
}

export interface RedisConfig {
  url: string;
  keyPrefix: string;
}

export const redisConfig = registerAs('redis', (): RedisConfig => {
  const env = validateEnv(RedisEnv, process.env);
  return { url: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX };
});
