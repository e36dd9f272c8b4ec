import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppEntity } from '@app/database';
import { AppChangeNotifier } from './app-change.notifier';
import { AppsController } from './apps.controller';
import { AppsRepository } from './apps.repository';
import { AppsService } from './apps.service';
import { RedisAppChangeNotifier } from './redis-app-change.notifier';

/** Tenants: the admin API and the `apps` table that app-authenticated routes look credentials up in. */
@Module({
  imports: [TypeOrmModule.forFeature([AppEntity])],
  controllers: [AppsController],
  providers: [AppsRepository, AppsService, { provide: AppChangeNotifier, useClass: RedisAppChangeNotifier }],
  exports: [AppsRepository],
})
export class AppsModule {}
