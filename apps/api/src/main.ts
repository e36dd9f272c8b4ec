import 'reflect-metadata';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@app/config';
import { createHttpApp, exitOnStartupError } from '@app/observability';
import { ApiModule } from './api.module';
import { configureApiApp } from './http/configure-api-app';

async function bootstrap(): Promise<void> {
  const app = configureApiApp(await createHttpApp(ApiModule));
  const { port } = app.get(ConfigService<AppConfig, true>).getOrThrow('api', { infer: true });
  await app.listen(port);
}

bootstrap().catch((error: unknown) => exitOnStartupError('api', error));
