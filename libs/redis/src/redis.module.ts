import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@app/config';
import Redis from 'ioredis';
import { createRedisConnection } from './redis-connection';
import { RedisKeys } from './redis-keys';
import { RedisClient } from './redis.tokens';

@Injectable()
class IoRedisClient extends RedisClient implements OnApplicationShutdown {
  readonly connection: Redis;

  constructor(@Inject(ConfigService) config: ConfigService<AppConfig, true>) {
    super();
    this.connection = createRedisConnection(config.getOrThrow('redis', { infer: true }).url, 'pusher-me');
    // Errors surface through failed commands and readiness; an unhandled 'error' event would crash.
    this.connection.on('error', () => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}

/** Provides RedisClient (one shared connection per process) and RedisKeys to every module. */
@Global()
@Module({
  providers: [
    { provide: RedisClient, useClass: IoRedisClient },
    {
      provide: RedisKeys,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => new RedisKeys(config.getOrThrow('redis', { infer: true }).keyPrefix),
    },
  ],
  exports: [RedisClient, RedisKeys],
})
export class RedisModule {}
