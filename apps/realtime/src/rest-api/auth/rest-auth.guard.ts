import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { RestQueryValue, verifyRestRequest } from '@app/pusher-protocol';
import { AppRegistry } from '../../app-registry/app-registry';
import { RestApiError } from '../errors/rest-api.error';
import type { RestRequest } from './rest-request';

/**
 * Admits a REST API request only when it is signed the Pusher way for the app in its path: 404 when the
 * app is unknown, 401 for a bad key, timestamp (±600 s), body_md5 or signature (compared in constant
 * time over the raw body), 403 when the app is disabled. Then parses the JSON body (400 when malformed)
 * and puts the app on `request.pusherApp`.
 */
@Injectable()
export class RestAuthGuard implements CanActivate {
  constructor(private readonly registry: AppRegistry) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<RestRequest>();
    const appId = String(request.params.appId);
    const app = this.registry.findById(appId);
    if (!app) throw new RestApiError(404, `Unknown app "${appId}": no app with this id exists on this server`);

    const rawBody = request.rawBody && request.rawBody.length > 0 ? request.rawBody : undefined;
    const verification = verifyRestRequest({
      method: request.method,
      path: request.originalUrl.split('?', 1)[0],
      query: request.query as Record<string, RestQueryValue>,
      rawBody,
      appKeyLookup: (key) => (key === app.key ? app.secret : undefined),
    });
    if (!verification.ok) throw new RestApiError(verification.status, verification.message);
    if (!app.enabled) throw new RestApiError(403, `App "${appId}" is disabled; an administrator must enable it`);

    request.body = rawBody === undefined ? {} : parseJson(rawBody.toString('utf8'));
    request.pusherApp = app;
    return true;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RestApiError(400, `Request body is not valid JSON (${(error as Error).message})`);
  }
}
