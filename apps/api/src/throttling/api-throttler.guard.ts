import { createHash } from 'node:crypto';
import { ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { ThrottlerRequest } from '@nestjs/throttler';
import type { Request } from 'express';
import { isUnavailableError } from '../common/unavailable-error';

// Probes, metrics and the API document are never rate limited.
const UNLIMITED_PATHS = /^\/(health|metrics|docs)(\/|-json|$)/;

const OUTAGE_LOG_INTERVAL_MS = 10_000;

/**
 * Per-client rate limit over all routes together (a client is its address; behind proxies set
 * API_TRUST_PROXY_HOPS). Fails open: while Redis is unreachable requests pass, because the limit
 * protects capacity rather than correctness, and the routes that need Redis answer 503 themselves.
 */
@Injectable()
export class ApiThrottlerGuard extends ThrottlerGuard {
  private readonly log = new Logger('ApiThrottlerGuard');
  private lastOutageLog = 0;

  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    return Promise.resolve(UNLIMITED_PATHS.test(request.path));
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttler: string): string {
    return createHash('sha256').update(`${throttler}\n${tracker}`).digest('hex').slice(0, 32);
  }

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    try {
      return await super.handleRequest(request);
    } catch (error) {
      if (!isUnavailableError(error)) throw error;
      if (Date.now() - this.lastOutageLog > OUTAGE_LOG_INTERVAL_MS) {
        this.lastOutageLog = Date.now();
        this.log.warn(`rate limiting suspended, Redis unavailable: ${(error as Error).message}`);
      }
      return true;
    }
  }
}
