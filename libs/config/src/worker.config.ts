import { registerAs } from '@nestjs/config';
import { IsOptional } from 'class-validator';
import { IsIntInRange, IsPort, ToInt, validateEnv } from './env-validation';

class WorkerEnv {
  @IsOptional()
  @ToInt()
  @IsPort()
  WORKER_PORT?: number;

  /** Jobs one worker process holds at once (in flight or waiting in its batcher). */
  @ToInt()
  @IsIntInRange(1, 1000)
  WORKER_CONCURRENCY = 32;

  /** Most events in one `triggerBatch` call; 1 turns batching off. Pusher allows 10. */
  @ToInt()
  @IsIntInRange(1, 10)
  WORKER_BATCH_SIZE = 10;

  /** How long a lone message may wait for companions before it is sent alone. */
  @ToInt()
  @IsIntInRange(0, 100)
  WORKER_BATCH_LINGER_MS = 2;

  /** Attempts of a job added without `attempts` (the api sets them per job). */
  @ToInt()
  @IsIntInRange(1, 100)
  WORKER_DEFAULT_ATTEMPTS = 8;

  /** First retry delay of a job added without `backoff.delay`; doubles per attempt. */
  @ToInt()
  @IsIntInRange(10, 600_000)
  WORKER_DEFAULT_BACKOFF_MS = 1000;

  /** Ceiling of one retry delay however many attempts were made. */
  @ToInt()
  @IsIntInRange(100, 3_600_000)
  WORKER_MAX_BACKOFF_MS = 30_000;

  /** How long an app's credentials are trusted before they are read again from Postgres. */
  @ToInt()
  @IsIntInRange(0, 3_600_000)
  WORKER_APP_CACHE_TTL_MS = 30_000;
}

/** Delivery worker settings; see docs/configuration.md for what each one trades. */
export interface WorkerConfig {
  port: number;
  concurrency: number;
  batch: { size: number; lingerMs: number };
  retry: { defaultAttempts: number; defaultBackoffMs: number; maxBackoffMs: number };
  appCacheTtlMs: number;
}

export const workerConfig = registerAs('worker', (): WorkerConfig => {
  const env = validateEnv(WorkerEnv, process.env);
  const platformPort = process.env.PORT ? Number(process.env.PORT) : undefined;
  return {
    port: env.WORKER_PORT ?? platformPort ?? 3001,
    concurrency: env.WORKER_CONCURRENCY,
    batch: { size: env.WORKER_BATCH_SIZE, lingerMs: env.WORKER_BATCH_LINGER_MS },
    retry: {
      defaultAttempts: env.WORKER_DEFAULT_ATTEMPTS,
      defaultBackoffMs: env.WORKER_DEFAULT_BACKOFF_MS,
      maxBackoffMs: env.WORKER_MAX_BACKOFF_MS,
    },
    appCacheTtlMs: env.WORKER_APP_CACHE_TTL_MS,
  };
});
