import { registerAs } from '@nestjs/config';
import { IsOptional } from 'class-validator';
import { IsOneOf, IsPort, ToInt, validateEnv } from './env-validation';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

class CommonEnv {
  @IsOneOf(['development', 'production', 'test'])
  NODE_ENV = 'development';

  @IsOneOf(LOG_LEVELS)
  LOG_LEVEL: string = 'info';

  /** The port a platform (PaaS, container) assigns; each app uses it when its own *_PORT is unset. */
  @IsOptional()
  @ToInt()
  @IsPort()
  PORT?: number;
}

export interface CommonConfig {
  env: 'development' | 'production' | 'test';
  logLevel: LogLevel;
  /** Fallback listening port for a single-app process (PORT), if the platform set one. */
  platformPort?: number;
}

export const commonConfig = registerAs('common', (): CommonConfig => {
  const env = validateEnv(CommonEnv, process.env);
  return { env: env.NODE_ENV as CommonConfig['env'], logLevel: env.LOG_LEVEL as LogLevel, platformPort: env.PORT };
});
