import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { MessagesModule } from '../messages/messages.module';
import { AdminStatsController } from './admin-stats.controller';
import { AdminStatsService } from './admin-stats.service';
import { LiveConnectionsReader } from './live-connections.reader';

/** `GET /admin/stats`. */
@Module({
  imports: [AppsModule, MessagesModule],
  controllers: [AdminStatsController],
  providers: [AdminStatsService, LiveConnectionsReader],
})
export class AdminModule {}
