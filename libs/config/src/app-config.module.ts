import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { loadAppConfig } from './app-config';

/**
 * Global configuration for every app: reads `.env` when present, validates every variable once at
 * boot (an invalid value stops the process with a message naming it) and exposes the typed tree.
 */
@Module({})
export class AppConfigModule {
  static forRoot(): DynamicModule {
    return {
      module: AppConfigModule,
      global: true,
      imports: [ConfigModule.forRoot({ isGlobal: true, cache: true, envFilePath: ['.env'], load: [() => loadAppConfig()] })],
      exports: [ConfigModule],
    };
  }
}
