import 'reflect-metadata';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@app/config';
import { createHttpApp, exitOnStartupError } from '@app/observability';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const app = await createHttpApp(WorkerModule);
  const { port } = app.get(ConfigService<AppConfig, true>).getOrThrow('worker', { infer: true });
  await app.listen(port);
}

bootstrap().catch((error: unknown) => exitOnStartupError('worker', error));
