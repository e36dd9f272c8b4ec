import { existsSync } from 'node:fs';
import type { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { ConfigValidationError, loadAppConfig } from '@app/config';

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
 * Reads `.env` when present (variables already set win) and validates the whole configuration
 * before Nest starts, so a bad variable stops the process with one clear message.
 */
export function loadEnvironment(): void {
  if (existsSync('.env')) process.loadEnvFile('.env');
  loadAppConfig();
}

/**
 * Closes the app on SIGTERM or SIGINT (stop accepting, let modules drain, close connections) and
 * exits 0 once done; exits 1 if draining exceeds `timeoutMs` or on a second signal.
 */
export function closeOnSignals(app: INestApplicationContext, timeoutMs = 25_000): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) process.exit(1);
    closing = true;
    app.get(Logger).log(`${signal} received: draining and shutting down`);
    setTimeout(() => {
      process.stderr.write(`shutdown took longer than ${timeoutMs} ms; exiting\n`);
      process.exit(1);
    }, timeoutMs).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${String((error as Error)?.stack ?? error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

/**
 * Creates a Nest HTTP app after validating the configuration, with pino as its logger and a
 * graceful close on SIGTERM/SIGINT. Errors while creating it reach the caller (no abort).
 * `listen` is left to the caller.
 */
export async function createHttpApp(module: Type<unknown>): Promise<NestExpressApplication> {
  loadEnvironment();
  const app = await NestFactory.create<NestExpressApplication>(module, {
    bufferLogs: true,
    forceCloseConnections: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  closeOnSignals(app);
  return app;
}
