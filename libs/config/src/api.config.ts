import { registerAs } from '@nestjs/config';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { ConfigValidationError, IsIntInRange, IsPort, ToBoolean, ToInt, validateEnv } from './env-validation';

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
  };
});
