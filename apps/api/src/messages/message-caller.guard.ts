import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Response } from 'express';
import type { AppConfig } from '@app/config';
import type { AppEntity } from '@app/database';
import { AppAuthenticatedRequest, AppCredentialsGuard } from '../access/app-credentials.guard';
import { readAuthorization } from '../access/authorization-header';
import { AppsRepository } from '../apps/apps.repository';
import { canListen, canPublish, EndUserRequest, EndUserTokenService } from '../auth';
import { DomainException } from '../common/domain.exception';
import { ErrorCode } from '../common/error-code';

/** A request to the messages routes: always an app, plus the end user when a bearer token authenticated it. */
export type MessageCallerRequest = AppAuthenticatedRequest & Partial<Pick<EndUserRequest, 'endUser'>>;

/**
 * Admits callers of `POST /messages` and channel history: a server with its app's key and secret
 * (HTTP Basic or a Pusher-signed request, see AppCredentialsGuard), or an end user with a bearer token from the customer's backend, acting on the default
 * app (the app the web pages use). Which channels an end user may use is checked by the route with
 * `assertChannelsAllowed`, once the request is valid.
 */
@Injectable()
export class MessageCallerGuard implements CanActivate {
  private readonly defaultAppId: string;

  constructor(
    private readonly appCredentials: AppCredentialsGuard,
    private readonly tokens: EndUserTokenService,
    private readonly apps: AppsRepository,
    config: ConfigService<AppConfig, true>,
  ) {
    this.defaultAppId = config.getOrThrow('defaultApp', { infer: true }).id;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<MessageCallerRequest>();
    const credentials = readAuthorization(request);
    if (credentials?.scheme === 'bearer') {
      request.endUser = await this.tokens.verify(credentials.token);
      request.authenticatedApp = await this.defaultApp();
    } else {
      request.authenticatedApp = await this.appCredentials.authenticate(request, context.switchToHttp().getResponse<Response>());
    }
    return true;
  }

  private async defaultApp(): Promise<AppEntity> {
    const app = await this.apps.findById(this.defaultAppId);
    if (!app?.enabled) throw new DomainException(ErrorCode.Forbidden, `App ${this.defaultAppId} is disabled`);
    return app;
  }
}

/**
 * For an end-user request, 403 unless the token's `publish` (or `listen`) patterns cover every
 * channel; server requests with app credentials may use any channel of their app.
 */
export function assertChannelsAllowed(request: MessageCallerRequest, channels: string[], use: 'publish' | 'listen'): void {
  const user = request.endUser;
  if (!user) return;
  const allowed = use === 'publish' ? canPublish : canListen;
  const denied = [...new Set(channels.filter((channel) => !allowed(user, channel)))];
  if (denied.length > 0) throw new DomainException(ErrorCode.Forbidden, `Your token does not allow you to ${use} on ${denied.join(', ')}`);
}
