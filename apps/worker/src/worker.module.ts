import { Module } from '@nestjs/common';
import { AppConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { HealthModule, LoggingModule, MetricsModule } from '@app/observability';
import { RedisModule } from '@app/redis';
import { DeliveryModule } from './delivery/delivery.module';

@Module({
  imports: [
    AppConfigModule.forRoot(),
    LoggingModule.forRoot('worker'),
    MetricsModule.forRoot('worker'),
    RedisModule,
    DatabaseModule,
    HealthModule.forRoot(),
    DeliveryModule,
  ],
})
export class WorkerModule {}
