import { registerAs } from '@nestjs/config';
import { IsOptional } from 'class-validator';
import { IsPort, ToInt, validateEnv } from './env-validation';

class WorkerEnv {
  @IsOptional()
  @ToInt()
  @IsPort()
  WORKER_PORT?: number;
}

export interface WorkerConfig {
  port: number;
}

export const workerConfig = registerAs('worker', (): WorkerConfig => {
  const env = validateEnv(WorkerEnv, process.env);
  const platformPort = process.env.PORT ? Number(process.env.PORT) : undefined;
  return { port: env.WORKER_PORT ?? platformPort ?? 3001 };
});
