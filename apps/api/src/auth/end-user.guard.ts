import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { readAuthorization } from '../access/authorization-header';
import { DomainException } from '../common/domain.exception';
import { ErrorCode } from '../common/error-code';
import type { EndUser } from './end-user';
import { EndUserTokenService } from './end-user-token.service';

/** A request whose bearer token EndUserGuard verified. */
export interface EndUserRequest extends Request {
  endUser: EndUser;
}

/**
 * The bearer token of a request: the `Authorization: Bearer` header, else a `token` field of the body,
 * which is how `navigator.sendBeacon` (which cannot set headers) carries it.
 */
export function presentedToken(request: Request): string | null {
  const credentials = readAuthorization(request);
  if (credentials?.scheme === 'bearer') return credentials.token;
  const body: unknown = request.body;
  if (body !== null && typeof body === 'object' && typeof (body as { token?: unknown }).token === 'string') {
    return (body as { token: string }).token;
  }
  return null;
}

/**
 * Admits requests carrying a valid end-user token (see EndUserTokenService) and exposes the user
 * through `@CurrentUser()`. No token, or a bad one: 401 with the reason.
 */
@Injectable()
export class EndUserGuard implements CanActivate {
  constructor(@Inject(EndUserTokenService) private readonly tokens: EndUserTokenService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<EndUserRequest>();
    const token = presentedToken(request);
    if (!token) throw new DomainException(ErrorCode.Unauthenticated, 'End-user token missing: send Authorization: Bearer <token>');
    request.endUser = await this.tokens.verify(token);
    return true;
  }
}
