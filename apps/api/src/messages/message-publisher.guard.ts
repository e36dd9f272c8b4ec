import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Response } from 'express';
import type { AppConfig } from '@app/config';
import type { AppEntity } from '@app/database';
import { AppAuthenticatedRequest, AppCredentialsGuard } from '../access/app-credentials.guard';
import { readAuthorization } from '../access/authorization-header';
import { AppsRepository } from '../apps/apps.repository';
import { EndUserRequest, EndUserTokenService } from '../auth';
import { DomainException } from '../common/domain.exception';
import { ErrorCode } from '../common/error-code';

/** A publish request: always an app, plus the end user when a bearer token authenticated it. */
export type PublisherRequest = AppAuthenticatedRequest & Partial<Pick<EndUserRequest, 'endUser'>>;

/**
 * Admits `POST /messages` callers: a server with its app's key and secret (HTTP Basic), or an end
 * user with a bearer token from the customer's backend, who publishes to the default app (the app
 * the web pages use). Which channels an end user may publish to is checked once the body is valid.
 */
@Injectable()
export class MessagePublisherGuard implements CanActivate {
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
    const request = context.switchToHttp().getRequest<PublisherRequest>();
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
