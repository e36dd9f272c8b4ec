import { registerAs } from '@nestjs/config';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { ConfigValidationError, IsIntInRange, IsPort, ToBoolean, ToInt, ToList, validateEnv } from './env-validation';

class ApiEnv {
  @IsOptional()
  @ToInt()
  @IsPort()
  API_PORT?: number;

  /** HS256 secret that end-user bearer tokens are signed with (and demo tokens are minted with). */
  @IsOptional()
  @Matches(/^\S{16,}$/, { message: 'must be at least 16 characters without spaces' })
  AUTH_JWT_SECRET?: string;

  /** RS256 public key (PEM; `\n` escapes are accepted) that end-user bearer tokens are verified with. */
  @IsOptional()
  @Matches(/-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----/, {
    message: 'must be a PEM public key (-----BEGIN PUBLIC KEY-----...)',
  })
  AUTH_JWT_PUBLIC_KEY?: string;

  /** Serves `POST /demo/token`, which mints end-user tokens for anyone; never in production. */
  @ToBoolean()
  @IsBoolean({ message: 'must be true or false' })
  DEMO_MODE = false;

  /** Lifetime of a demo token. */
  @ToInt()
  @IsIntInRange(60, 86_400)
  DEMO_TOKEN_TTL_SECONDS = 3600;

  /** A membership entry not refreshed by `POST /pusher/subscribe` within this time is dropped. */
  @ToInt()
  @IsIntInRange(5, 86_400)
  MEMBERSHIP_TTL_SECONDS = 120;

  /** How often the sweeper removes expired membership entries (reads also drop them lazily). */
  @ToInt()
  @IsIntInRange(1, 3600)
  MEMBERSHIP_SWEEP_INTERVAL_SECONDS = 30;

  /** Bearer token for `/admin/*`; when unset the admin API answers 403. */
  @IsOptional()
  @Matches(/^\S{16,256}$/, { message: 'must be 16-256 characters without spaces, e.g. from `openssl rand -hex 32`' })
  ADMIN_TOKEN?: string;

  /** Browser origins allowed to call the api cross-origin (`*` = any); none by default. */
  @ToList()
  @Matches(/^(\*|https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?)$/, {
    each: true,
    message: 'each must be * or an origin like https://app.example.com',
  })
  CORS_ORIGINS: string[] = [];

  /** Largest request body accepted (bytes); bigger ones get 413 before any parsing. */
  @ToInt()
  @IsIntInRange(1024, 64 * 1024 * 1024)
  API_BODY_LIMIT_BYTES = 1024 * 1024;

  /** Proxies in front of the api whose X-Forwarded-For is trusted for the client address (0 = none). */
  @ToInt()
  @IsIntInRange(0, 10)
  API_TRUST_PROXY_HOPS = 0;

  /** Requests one client (app key, or address) may make per API_THROTTLE_TTL_MS; 0 turns rate limiting off. */
  @ToInt()
  @IsIntInRange(0, 10_000_000)
  API_THROTTLE_LIMIT = 1000;

  @ToInt()
  @IsIntInRange(100, 3_600_000)
  API_THROTTLE_TTL_MS = 10_000;

  /** Delivery attempts of one message before it is `failed`. */
  @ToInt()
  @IsIntInRange(1, 100)
  MESSAGE_JOB_ATTEMPTS = 8;

  /** First retry delay of a message; each further retry doubles it. */
  @ToInt()
  @IsIntInRange(10, 600_000)
  MESSAGE_JOB_BACKOFF_MS = 1000;

  /** A `queued` message older than this with no job in the queue gets its job added again. */
  @ToInt()
  @IsIntInRange(1, 86_400)
  MESSAGE_REQUEUE_AFTER_SECONDS = 30;

  /** How often the requeue sweep runs. */
  @ToInt()
  @IsIntInRange(1, 3600)
  MESSAGE_REQUEUE_INTERVAL_SECONDS = 15;

  /** Realtime host the browser connects to, when a proxy puts it elsewhere than PUSHER_HOST. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9.-]{1,253}$/, { message: 'must be a host name or IP address, without scheme or port' })
  WEB_REALTIME_HOST?: string;

  /** Realtime port the browser connects to (e.g. 443 behind a TLS proxy). */
  @IsOptional()
  @ToInt()
  @IsPort()
  WEB_REALTIME_PORT?: number;

  /** Whether the browser's WebSocket uses TLS (wss), when it differs from PUSHER_USE_TLS. */
  @IsOptional()
  @ToBoolean()
  @IsBoolean({ message: 'must be true or false' })
  WEB_REALTIME_TLS?: boolean;
}

/** End-user identity: how bearer tokens are verified. At least one key must be set for end users to sign in. */
export interface EndUserAuthConfig {
  jwtSecret?: string;
  jwtPublicKey?: string;
}

/** The membership registry's expiry policy. */
export interface MembershipConfig {
  ttlSeconds: number;
  sweepIntervalSeconds: number;
}

export interface ApiConfig {
  port: number;
  auth: EndUserAuthConfig;
  /** Demo token minting; `enabled` is false unless DEMO_MODE is on. */
  demo: { enabled: boolean; tokenTtlSeconds: number };
  membership: MembershipConfig;
  /** Admin API access; `token` undefined means the admin API is off. */
  admin: { token?: string };
  http: ApiHttpConfig;
  throttle: ApiThrottleConfig;
  messages: MessagesPipelineConfig;
  web: WebRealtimeConfig;
}

/**
 * Where browsers reach realtime, for `/config.json`, when a proxy makes it differ from the internal
 * trigger target; each field unset means "as the trigger target".
 */
export interface WebRealtimeConfig {
  realtimeHost?: string;
  realtimePort?: number;
  realtimeTls?: boolean;
}

/** Edge settings of the api's HTTP server. */
export interface ApiHttpConfig {
  corsOrigins: string[];
  bodyLimitBytes: number;
  trustProxyHops: number;
}

/** Per-client rate limit; `limit` 0 means off. */
export interface ApiThrottleConfig {
  limit: number;
  ttlMs: number;
}

/** Queueing policy of `POST /messages`. */
export interface MessagesPipelineConfig {
  jobAttempts: number;
  jobBackoffMs: number;
  requeueAfterSeconds: number;
  requeueIntervalSeconds: number;
}

export const apiConfig = registerAs('api', (): ApiConfig => {
  const env = validateEnv(ApiEnv, process.env);
  if (env.DEMO_MODE && !env.AUTH_JWT_SECRET) {
    throw new ConfigValidationError(['DEMO_MODE=true: needs AUTH_JWT_SECRET to sign demo tokens']);
  }
  const platformPort = process.env.PORT ? Number(process.env.PORT) : undefined;
  return {
    port: env.API_PORT ?? platformPort ?? 3000,
    auth: { jwtSecret: env.AUTH_JWT_SECRET, jwtPublicKey: env.AUTH_JWT_PUBLIC_KEY?.replace(/\\n/g, '\n') },
    demo: { enabled: env.DEMO_MODE, tokenTtlSeconds: env.DEMO_TOKEN_TTL_SECONDS },
    membership: { ttlSeconds: env.MEMBERSHIP_TTL_SECONDS, sweepIntervalSeconds: env.MEMBERSHIP_SWEEP_INTERVAL_SECONDS },
    admin: { token: env.ADMIN_TOKEN },
    http: { corsOrigins: env.CORS_ORIGINS, bodyLimitBytes: env.API_BODY_LIMIT_BYTES, trustProxyHops: env.API_TRUST_PROXY_HOPS },
    throttle: { limit: env.API_THROTTLE_LIMIT, ttlMs: env.API_THROTTLE_TTL_MS },
    messages: {
      jobAttempts: env.MESSAGE_JOB_ATTEMPTS,
      jobBackoffMs: env.MESSAGE_JOB_BACKOFF_MS,
      requeueAfterSeconds: env.MESSAGE_REQUEUE_AFTER_SECONDS,
      requeueIntervalSeconds: env.MESSAGE_REQUEUE_INTERVAL_SECONDS,
    },
    web: { realtimeHost: env.WEB_REALTIME_HOST, realtimePort: env.WEB_REALTIME_PORT, realtimeTls: env.WEB_REALTIME_TLS },
  };
});
