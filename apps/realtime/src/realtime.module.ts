import { Module } from '@nestjs/common';
import { AppConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { HealthModule, LoggingModule, MetricsModule } from '@app/observability';
import { RedisModule } from '@app/redis';
import { AppRegistryHealthIndicator } from './app-registry/app-registry.health';
import { AppRegistryModule } from './app-registry/app-registry.module';
import { RestApiModule } from './rest-api/rest-api.module';
import { RealtimeCoreModule } from './server/realtime-core.module';

@Module({
  imports: [
    AppConfigModule.forRoot(),
    LoggingModule.forRoot('realtime'),
    MetricsModule.forRoot('realtime'),
    RedisModule,
    DatabaseModule,
    AppRegistryModule,
    RealtimeCoreModule,
    RestApiModule,
    HealthModule.forRoot({ extra: [AppRegistryHealthIndicator] }),
  ],
})
export class RealtimeModule {}
