import { registerAs } from '@nestjs/config';
import { IsOptional } from 'class-validator';
import { IsPort, ToInt, validateEnv } from './env-validation';

class ApiEnv {
  @IsOptional()
  @ToInt()
  @IsPort()
  API_PORT?: number;
}

export interface ApiConfig {
  port: number;
}

export const apiConfig = registerAs('api', (): ApiConfig => {
  const env = validateEnv(ApiEnv, process.env);
  const platformPort = process.env.PORT ? Number(process.env.PORT) : undefined;
  return { port: env.API_PORT ?? platformPort ?? 3000 };
});
