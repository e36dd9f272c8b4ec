import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { AppEntity } from '@app/database';
import { AppKeyCache } from '../apps/app-key.cache';
import { DomainException } from '../common/domain.exception';
import { ErrorCode } from '../common/error-code';
import { readAuthorization } from './authorization-header';
import { secretsEqual } from './secrets-equal';

/** A request whose caller proved it holds an app's key and secret. */
export interface AppAuthenticatedRequest extends Request {
  authenticatedApp: AppEntity;
}

/**
 * Admits server-side callers by HTTP Basic: app key as user, app secret as password, compared in
 * constant time. Unknown key or wrong secret: 401 (same answer, so keys cannot be probed); disabled
 * app: 403. The app's row is then available through `@CurrentApp()`.
 */
@Injectable()
export class AppCredentialsGuard implements CanActivate {
  constructor(private readonly apps: AppKeyCache) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AppAuthenticatedRequest>();
    request.authenticatedApp = await this.authenticate(request, context.switchToHttp().getResponse<Response>());
    return true;
  }

  /** The enabled app whose key and secret the request carries; throws 401/403 otherwise. */
  async authenticate(request: Request, response: Response): Promise<AppEntity> {
    const credentials = readAuthorization(request);
    if (credentials?.scheme !== 'basic')
      throw this.unauthenticated(response, 'App credentials missing: send HTTP Basic with the app key and secret');
    const app = await this.apps.findByKey(credentials.user);
    // Compare even for an unknown key, so both cases take the same time.
    const secretMatches = secretsEqual(credentials.password, app?.secret ?? '\u0000unknown');
    if (!app || !secretMatches) throw this.unauthenticated(response, 'Invalid app key or secret');
    if (!app.enabled) throw new DomainException(ErrorCode.Forbidden, `App ${app.id} is disabled`);
    return app;
  }

  private unauthenticated(response: Response, message: string): DomainException {
    response.setHeader('WWW-Authenticate', 'Basic realm="pusher-me", charset="UTF-8"');
    return new DomainException(ErrorCode.Unauthenticated, message);
  }
}

/** The app authenticated by AppCredentialsGuard. */
export const CurrentApp = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AppEntity => context.switchToHttp().getRequest<AppAuthenticatedRequest>().authenticatedApp,
);
