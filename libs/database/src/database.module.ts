import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '@app/config';
import { dataSourceOptions } from './data-source-options';

/** The TypeORM connection for an app. Migrations are run by `npm run migrate` / start, not here. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => ({
        ...dataSourceOptions(config.getOrThrow('database', { infer: true }).url),
        // Boot even while Postgres is down; readiness reports it and requests get 503.
        retryAttempts: 0,
        manualInitialization: false,
      }),
    }),
  ],
  exports: [TypeOrmModule],
})
export class DatabaseModule {}
