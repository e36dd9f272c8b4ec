import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessageEntity } from '@app/database';
import { AppCredentialsGuard } from '../access/app-credentials.guard';
import { AppsModule } from '../apps/apps.module';
import { AuthModule } from '../auth';
import { AdminMessagesController } from './admin-messages.controller';
import { ChannelHistoryController } from './channel-history.controller';
import { MessageCallerGuard } from './message-caller.guard';
import { MessageRequeueSweeper } from './queue/message-requeue.sweeper';
import { MessagesController } from './messages.controller';
import { MessagesRepository } from './messages.repository';
import { MessagesService } from './messages.service';
import { BullMqMessageQueue } from './queue/bullmq-message-queue';
import { MessageQueue } from './queue/message-queue';

/** `POST /messages` and friends: store, queue, report status and history; requeue what was not queued. */
@Module({
  imports: [TypeOrmModule.forFeature([MessageEntity]), AppsModule, AuthModule],
  controllers: [MessagesController, ChannelHistoryController, AdminMessagesController],
  providers: [
    AppCredentialsGuard,
    MessageCallerGuard,
    MessagesRepository,
    MessagesService,
    MessageRequeueSweeper,
    { provide: MessageQueue, useClass: BullMqMessageQueue },
  ],
  exports: [MessagesRepository, MessageQueue],
})
export class MessagesModule {}
