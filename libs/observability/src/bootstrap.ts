import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { ConfigValidationError } from '@app/config';

/**
 * Prints why the process cannot start, without a stack for configuration mistakes, and exits 1.
 * Used by every `main.ts` so a bad variable reads the same in every app.
 */
export function exitOnStartupError(app: string, error: unknown): never {
  const message = error instanceof ConfigValidationError ? error.message : ((error as Error)?.stack ?? String(error));
  process.stderr.write(`[${app}] cannot start: ${message}\n`);
  process.exit(1);
}

/**
 * Creates a Nest HTTP app with pino as its logger and shutdown hooks on SIGTERM/SIGINT (stop
 * accepting, let modules drain, close connections). `listen` is left to the caller.
 */
export async function createHttpApp(module: Type<unknown>): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, { bufferLogs: true, forceCloseConnections: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  app.disable('x-powered-by');
  return app;
}
