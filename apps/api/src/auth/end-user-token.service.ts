import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import type { AppConfig, EndUserAuthConfig } from '@app/config';
import { MAX_PRESENCE_USER_ID_LENGTH } from '@app/pusher-protocol';
import { DomainException } from '../common/domain.exception';
import { ErrorCode } from '../common/error-code';
import type { EndUser } from './end-user';

/** Patterns one token may carry in `listen` or `publish`. */
const MAX_PATTERNS = 100;
const MAX_PATTERN_LENGTH = 200;
const MAX_NAME_LENGTH = 200;

type Algorithm = 'HS256' | 'RS256';

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function readPatterns(claims: Record<string, unknown>, name: 'listen' | 'publish'): string[] | string {
  const value = claims[name];
  if (value === undefined) return [];
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length > MAX_PATTERNS)
    return `claim "${name}" must be a list of at most ${MAX_PATTERNS} channel patterns`;
  for (const pattern of list) {
    if (typeof pattern !== 'string' || pattern.length === 0 || pattern.length > MAX_PATTERN_LENGTH) {
      return `claim "${name}" must hold non-empty strings of at most ${MAX_PATTERN_LENGTH} characters`;
    }
  }
  return list as string[];
}

/** Reads the verified claims into an EndUser, or a reason they are unusable. */
export function endUserFromClaims(claims: Record<string, unknown>): EndUser | string {
  const { sub, name, info } = claims;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > MAX_PRESENCE_USER_ID_LENGTH) {
    return `claim "sub" must be a user id of 1 to ${MAX_PRESENCE_USER_ID_LENGTH} characters`;
  }
  if (name !== undefined && (typeof name !== 'string' || name.length > MAX_NAME_LENGTH)) {
    return `claim "name" must be a string of at most ${MAX_NAME_LENGTH} characters`;
  }
  if (info !== undefined && !isObject(info)) return 'claim "info" must be a JSON object';
  const listen = readPatterns(claims, 'listen');
  if (typeof listen === 'string') return listen;
  const publish = readPatterns(claims, 'publish');
  if (typeof publish === 'string') return publish;
  return { id: sub, name, info, listen, publish };
}

/**
 * Verifies end-user bearer tokens: HS256 with AUTH_JWT_SECRET and/or RS256 with AUTH_JWT_PUBLIC_KEY
 * (only the configured algorithms are accepted, so a token cannot pick a weaker one). Tokens must
 * carry `exp`. Missing, malformed, forged and expired tokens raise 401 with the reason.
 */
@Injectable()
export class EndUserTokenService implements OnModuleInit {
  private readonly logger = new Logger(EndUserTokenService.name);
  private readonly auth: EndUserAuthConfig;

  constructor(
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    this.auth = config.getOrThrow('api', { infer: true }).auth;
  }

  onModuleInit(): void {
    if (!this.auth.jwtSecret && !this.auth.jwtPublicKey) {
      this.logger.warn('Neither AUTH_JWT_SECRET nor AUTH_JWT_PUBLIC_KEY is set: end-user requests will get 401');
    }
  }

  /** The user a token proves; throws 401 DomainException otherwise. */
  async verify(token: string): Promise<EndUser> {
    const algorithms: Algorithm[] = [];
    if (this.auth.jwtSecret) algorithms.push('HS256');
    if (this.auth.jwtPublicKey) algorithms.push('RS256');
    if (algorithms.length === 0)
      throw this.unauthenticated('End-user tokens are not accepted: the api has no AUTH_JWT_SECRET or AUTH_JWT_PUBLIC_KEY');
    const header = this.headerOf(token);
    const algorithm = algorithms.find((candidate) => candidate === header?.alg);
    if (!algorithm) throw this.unauthenticated(`Token must be a JWT signed with ${algorithms.join(' or ')}`);
    let claims: unknown;
    try {
      claims = await this.jwt.verifyAsync<Record<string, unknown>>(
        token,
        algorithm === 'HS256'
          ? { secret: this.auth.jwtSecret, algorithms: [algorithm] }
          : { publicKey: this.auth.jwtPublicKey, algorithms: [algorithm] },
      );
    } catch (error) {
      const name = (error as Error)?.name;
      if (name === 'TokenExpiredError') throw this.unauthenticated('Token expired');
      if (name === 'NotBeforeError') throw this.unauthenticated('Token not valid yet');
      throw this.unauthenticated('Token signature or format is invalid');
    }
    if (!isObject(claims) || typeof claims.exp !== 'number') throw this.unauthenticated('Token must carry an expiry (exp)');
    const user = endUserFromClaims(claims);
    if (typeof user === 'string') throw this.unauthenticated(`Token ${user}`);
    return user;
  }

  /** Whether `mint` can sign tokens (HS256 secret configured). */
  get canMint(): boolean {
    return this.auth.jwtSecret !== undefined;
  }

  /** Signs an HS256 token for a user; returns it with its expiry (Unix seconds). */
  async mint(
    user: Omit<EndUser, 'id'> & { id?: string },
    ttlSeconds: number,
  ): Promise<{ token: string; user: EndUser; expiresAt: number }> {
    if (!this.auth.jwtSecret) throw new Error('Minting tokens needs AUTH_JWT_SECRET');
    const id = user.id ?? randomUUID();
    const payload: Record<string, unknown> = { sub: id, listen: user.listen, publish: user.publish };
    if (user.name !== undefined) payload.name = user.name;
    if (user.info !== undefined) payload.info = user.info;
    const now = Math.floor(Date.now() / 1000);
    const token = await this.jwt.signAsync(payload, { secret: this.auth.jwtSecret, algorithm: 'HS256', expiresIn: ttlSeconds });
    return { token, user: { ...user, id }, expiresAt: now + ttlSeconds };
  }

  private headerOf(token: string): { alg?: unknown } | null {
    const decoded: unknown = this.jwt.decode(token, { complete: true });
    return isObject(decoded) && isObject(decoded.header) ? decoded.header : null;
  }

  private unauthenticated(message: string): DomainException {
    return new DomainException(ErrorCode.Unauthenticated, message);
  }
}
