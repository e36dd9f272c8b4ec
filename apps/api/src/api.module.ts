import { Module } from '@nestjs/common';
import { AppConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { HealthModule, LoggingModule, MetricsModule } from '@app/observability';
import { RedisModule } from '@app/redis';
import { AdminModule } from './admin/admin.module';
import { AppsModule } from './apps/apps.module';
import { DemoModule } from './demo/demo.module';
import { MessagesModule } from './messages/messages.module';
import { PusherModule } from './pusher/pusher.module';
import { ThrottlingModule } from './throttling/throttling.module';
import { WebModule } from './web/web.module';

@Module({
  imports: [
    AppConfigModule.forRoot(),
    LoggingModule.forRoot('api'),
    MetricsModule.forRoot('api'),
    RedisModule,
    DatabaseModule,
    HealthModule.forRoot(),
    ThrottlingModule,
    AppsModule,
    MessagesModule,
    PusherModule,
    DemoModule,
    AdminModule,
    WebModule,
  ],
})
export class ApiModule {}
