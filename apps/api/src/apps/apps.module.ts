import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppEntity } from '@app/database';
import { AppChangeNotifier } from './app-change.notifier';
import { AppKeyCache } from './app-key.cache';
import { AppsController } from './apps.controller';
import { AppsRepository } from './apps.repository';
import { AppsService } from './apps.service';
import { RedisAppChangeNotifier } from './redis-app-change.notifier';

/** Tenants: the admin API and the `apps` table that app-authenticated routes look credentials up in. */
@Module({
  imports: [TypeOrmModule.forFeature([AppEntity])],
  controllers: [AppsController],
  providers: [AppsRepository, AppKeyCache, AppsService, { provide: AppChangeNotifier, useClass: RedisAppChangeNotifier }],
  exports: [AppsRepository, AppKeyCache],
})
export class AppsModule {}
