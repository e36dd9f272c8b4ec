import { registerAs } from '@nestjs/config';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { IsIntInRange, IsPort, ToBoolean, ToInt, validateEnv } from './env-validation';

class PusherTargetEnv {
  @IsOptional()
  @Matches(/^[A-Za-z0-9.-]{1,253}$/, { message: 'must be a host name or IP address, without scheme or port' })
  PUSHER_HOST?: string;

  @IsOptional()
  @ToInt()
  @IsPort()
  PUSHER_PORT?: number;

  @ToBoolean()
  @IsBoolean({ message: 'must be true or false' })
  PUSHER_USE_TLS = false;

  /** A hosted Pusher cluster such as eu or mt1; when set (and PUSHER_HOST is not), triggers go to hosted Pusher. */
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,32}$/, { message: 'must be a Pusher cluster name such as mt1 or eu' })
  PUSHER_CLUSTER?: string;

  @ToInt()
  @IsIntInRange(100, 120_000)
  PUSHER_TIMEOUT_MS = 10_000;
}

/** Where the api and worker send triggers: our realtime server by default, hosted Pusher with a cluster. */
export interface PusherTargetConfig {
  host?: string;
  port?: number;
  useTLS: boolean;
  cluster?: string;
  timeoutMs: number;
}

export const pusherTargetConfig = registerAs('pusherTarget', (): PusherTargetConfig => {
  const env = validateEnv(PusherTargetEnv, process.env);
  const hosted = env.PUSHER_CLUSTER !== undefined && env.PUSHER_HOST === undefined;
  return {
    host: env.PUSHER_HOST ?? (hosted ? undefined : '127.0.0.1'),
    port: env.PUSHER_PORT ?? (hosted ? undefined : Number(process.env.REALTIME_PORT || 6001)),
    useTLS: env.PUSHER_USE_TLS,
    cluster: env.PUSHER_CLUSTER,
    timeoutMs: env.PUSHER_TIMEOUT_MS,
  };
});
