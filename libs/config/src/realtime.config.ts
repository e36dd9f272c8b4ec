import { registerAs } from '@nestjs/config';
import { IsOptional } from 'class-validator';
import { IsIntInRange, IsPort, ToInt, validateEnv } from './env-validation';

class RealtimeEnv {
  @IsOptional()
  @ToInt()
  @IsPort()
  REALTIME_PORT?: number;

  /** Seconds of client silence before the server pings; sent to clients as activity_timeout. */
  @ToInt()
  @IsIntInRange(1, 3600)
  REALTIME_ACTIVITY_TIMEOUT = 120;
}

export interface RealtimeConfig {
  port: number;
  activityTimeoutSeconds: number;
}

export const realtimeConfig = registerAs('realtime', (): RealtimeConfig => {
  const env = validateEnv(RealtimeEnv, process.env);
  const platformPort = process.env.PORT ? Number(process.env.PORT) : undefined;
  return {
    port: env.REALTIME_PORT ?? platformPort ?? 6001,
    activityTimeoutSeconds: env.REALTIME_ACTIVITY_TIMEOUT,
  };
});
