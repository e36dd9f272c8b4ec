import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@app/config';
import { readAuthorization } from '../../access/authorization-header';
import { secretsEqual } from '../../access/secrets-equal';
import type { Request } from 'express';
import { EndUser, EndUserGuard } from '../../auth';

/** A registry read by the operator (admin token) or by an end user. */
export interface MembershipReaderRequest extends Request {
  admin?: boolean;
  endUser?: EndUser;
}

/**
 * Admits registry reads by the admin token (the dashboard; every channel and user) or by an end-user
 * token (then the controller limits what the user may see). Otherwise 401 as EndUserGuard answers.
 */
@Injectable()
export class MembershipReaderGuard implements CanActivate {
  private readonly adminToken?: string;

  constructor(
    @Inject(EndUserGuard) private readonly endUsers: EndUserGuard,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    this.adminToken = config.getOrThrow('api', { infer: true }).admin.token;
  }

  canActivate(context: ExecutionContext): Promise<boolean> | boolean {
    const request = context.switchToHttp().getRequest<MembershipReaderRequest>();
    const credentials = readAuthorization(request);
    if (this.adminToken && credentials?.scheme === 'bearer' && secretsEqual(credentials.token, this.adminToken)) {
      request.admin = true;
      return true;
    }
    return this.endUsers.canActivate(context);
  }
}
