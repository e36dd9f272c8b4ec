import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { BullModule } from '@nestjs/bullmq';
import type { AppConfig } from '@app/config';
import { QUEUES } from '@app/contracts';
import { RedisKeys } from '@app/redis';
import { queueConnectionOptions } from './queue-connection-options';

/** BullMQ over the configured Redis (keys under REDIS_KEY_PREFIX) and the `messages` queue. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [ConfigService, RedisKeys],
      useFactory: (config: ConfigService<AppConfig, true>, keys: RedisKeys) => ({
        connection: queueConnectionOptions(config.getOrThrow('redis', { infer: true }).url, 'pusher-me-worker'),
        prefix: keys.queuePrefix,
      }),
    }),
    BullModule.registerQueue({ name: QUEUES.messages }),
  ],
  exports: [BullModule],
})
export class MessagesQueueModule {}
