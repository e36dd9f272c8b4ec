import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { EndUser } from './end-user';
import type { EndUserRequest } from './end-user.guard';

/** The end user EndUserGuard admitted (use it only on routes guarded by EndUserGuard). */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): EndUser => context.switchToHttp().getRequest<EndUserRequest>().endUser,
);
