import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppEntity } from '@app/database';
import { MessageStatusRepository } from '../messages/message-status.repository';
import { PostgresMessageStatusRepository } from '../messages/postgres-message-status.repository';
import { MessagesQueueModule } from '../queue/messages-queue.module';
import { PusherClientRegistry } from '../targets/pusher-client.registry';
import { DeliveryService } from './delivery.service';
import { DeliveryMetrics } from './delivery.metrics';
import { MessageDeliveryProcessor } from './message-delivery.processor';

/** Takes `messages` jobs and delivers them to the configured Pusher endpoint. */
@Module({
  imports: [MessagesQueueModule, TypeOrmModule.forFeature([AppEntity])],
  providers: [
    PusherClientRegistry,
    { provide: MessageStatusRepository, useClass: PostgresMessageStatusRepository },
    DeliveryMetrics,
    DeliveryService,
    MessageDeliveryProcessor,
  ],
})
export class DeliveryModule {}
