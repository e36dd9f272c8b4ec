import 'reflect-metadata';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@app/config';
import { createHttpApp, exitOnStartupError } from '@app/observability';
import { RealtimeModule } from './realtime.module';

async function bootstrap(): Promise<void> {
  const app = await createHttpApp(RealtimeModule);
  const { port } = app.get(ConfigService<AppConfig, true>).getOrThrow('realtime', { infer: true });
  await app.listen(port);
}

bootstrap().catch((error: unknown) => exitOnStartupError('realtime', error));
