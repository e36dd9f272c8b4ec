import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { AppConfig } from '@app/config';
import { RedisClient, RedisKeys } from '@app/redis';
import { ApiThrottlerGuard } from './api-throttler.guard';
import { RedisThrottlerStorage } from './redis-throttler.storage';

/** Applies the per-client rate limit (API_THROTTLE_LIMIT per API_THROTTLE_TTL_MS; 0 = off) to every route. */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [ConfigService, RedisClient, RedisKeys],
      useFactory: (config: ConfigService<AppConfig, true>, redis: RedisClient, keys: RedisKeys) => {
        const { limit, ttlMs } = config.getOrThrow('api', { infer: true }).throttle;
        return {
          throttlers: [{ name: 'default', limit: Math.max(limit, 1), ttl: ttlMs }],
          skipIf: () => limit === 0,
          storage: new RedisThrottlerStorage(redis, keys),
          errorMessage: `Too many requests: at most ${limit} per ${ttlMs} ms; retry after the Retry-After seconds`,
        };
      },
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: ApiThrottlerGuard }],
})
export class ThrottlingModule {}
