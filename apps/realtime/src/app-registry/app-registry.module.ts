import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppEntity } from '@app/database';
import { AppRegistry } from './app-registry';
import { PostgresAppRegistry } from './postgres-app-registry';

/**
 * Provides AppRegistry to the whole realtime app. Global because every feature (sockets, REST,
 * webhooks, readiness) looks apps up. Add `AppRegistryHealthIndicator` to `HealthModule.forRoot({ extra })`
 * so readiness waits for the first load.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AppEntity])],
  providers: [{ provide: AppRegistry, useClass: PostgresAppRegistry }],
  exports: [AppRegistry],
})
export class AppRegistryModule {}
