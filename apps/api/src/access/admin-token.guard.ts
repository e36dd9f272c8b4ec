import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request } from 'express';
import type { AppConfig } from '@app/config';
import { DomainException } from '../common/domain.exception';
import { ErrorCode } from '../common/error-code';
import { readAuthorization } from './authorization-header';
import { secretsEqual } from './secrets-equal';

/**
 * Admits `Authorization: Bearer <ADMIN_TOKEN>` (constant-time compare). Without ADMIN_TOKEN the admin
 * API is off: 403 for everyone. A missing or wrong token gets 401.
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly token?: string;

  constructor(config: ConfigService<AppConfig, true>) {
    this.token = config.getOrThrow('api', { infer: true }).admin.token;
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.token) throw new DomainException(ErrorCode.Forbidden, 'The admin API is disabled: set ADMIN_TOKEN to enable it');
    const credentials = readAuthorization(context.switchToHttp().getRequest<Request>());
    if (credentials?.scheme !== 'bearer' || !secretsEqual(credentials.token, this.token)) {
      throw new DomainException(ErrorCode.Unauthenticated, 'Admin token missing or invalid: send Authorization: Bearer <ADMIN_TOKEN>');
    }
    return true;
  }
}
