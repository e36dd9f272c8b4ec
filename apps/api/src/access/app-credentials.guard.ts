import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { AppEntity } from '@app/database';
import { verifyRestRequest } from '@app/pusher-protocol';
import { AppKeyCache } from '../apps/app-key.cache';
import { DomainException } from '../common/domain.exception';
import { ErrorCode } from '../common/error-code';
import { readAuthorization } from './authorization-header';
import { secretsEqual } from './secrets-equal';
import { isSignedRequest, signedRequestKey, signedRequestParts } from './signed-request';

/** A request whose caller proved it holds an app's key and secret. */
export interface AppAuthenticatedRequest extends Request {
  authenticatedApp: AppEntity;
}

/**
 * Admits server-side callers that prove they hold an app's key and secret, either way:
 * - HTTP Basic: app key as user, app secret as password, compared in constant time. Unknown key or
 *   wrong secret: 401 with one message for both, so keys cannot be probed.
 * - a Pusher-signed request (any `auth_*` or `body_md5` query parameter selects it): `auth_key`,
 *   `auth_timestamp` (within 600 s), `auth_version=1.0`, `body_md5` of the raw body and
 *   `auth_signature`, verified by `verifyRestRequest` in constant time; each failure is a 401 saying
 *   what was wrong, as Pusher answers, so Pusher's signing code (the `pusher` SDK) works unchanged.
 * On a route under `/apps/:appId` the credentials must be that app's. Disabled app: 403. The app's row
 * is then available through `@CurrentApp()`.
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
    const app = isSignedRequest(request) ? await this.verifySigned(request, response) : await this.verifyBasic(request, response);
    if (!app.enabled) throw new DomainException(ErrorCode.Forbidden, `App ${app.id} is disabled`);
    return app;
  }

  private async verifyBasic(request: Request, response: Response): Promise<AppEntity> {
    const credentials = readAuthorization(request);
    if (credentials?.scheme !== 'basic') {
      throw this.unauthenticated(
        response,
        'App credentials missing: send HTTP Basic with the app key and secret, or sign the request the Pusher way ' +
          '(auth_key, auth_timestamp, auth_version, body_md5, auth_signature)',
      );
    }
    const app = await this.apps.findByKey(credentials.user);
    // Compare even for an unknown key, so both cases take the same time.
    const secretMatches = secretsEqual(credentials.password, app?.secret ?? '\u0000unknown');
    if (!app || !secretMatches || !isPathApp(request, app)) throw this.unauthenticated(response, 'Invalid app key or secret');
    return app;
  }

  private async verifySigned(request: Request, response: Response): Promise<AppEntity> {
    const key = signedRequestKey(request);
    const app = key === undefined ? null : await this.apps.findByKey(key);
    const verdict = verifyRestRequest({
      ...signedRequestParts(request),
      appKeyLookup: (presented) => (app && app.key === presented && isPathApp(request, app) ? app.secret : undefined),
    });
    // verifyRestRequest only succeeds for a key the lookup knew, which is this app's.
    if (verdict.ok && app) return app;
    if (!verdict.ok && verdict.status === 400) throw new DomainException(ErrorCode.ValidationFailed, verdict.message);
    throw this.unauthenticated(response, verdict.ok ? 'Invalid app key or secret' : verdict.message);
  }

  private unauthenticated(response: Response, message: string): DomainException {
    response.setHeader('WWW-Authenticate', 'Basic realm="pusher-me", charset="UTF-8"');
    return new DomainException(ErrorCode.Unauthenticated, message);
  }
}

/** False when the route names an app (`/apps/:appId/...`) other than this one. */
function isPathApp(request: Request, app: AppEntity): boolean {
  const appId = (request.params as Record<string, string | undefined>).appId;
  return appId === undefined || appId === app.id;
}

/** The app authenticated by AppCredentialsGuard. */
export const CurrentApp = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AppEntity => context.switchToHttp().getRequest<AppAuthenticatedRequest>().authenticatedApp,
);
