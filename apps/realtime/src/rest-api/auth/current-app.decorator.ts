import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { RealtimeApp } from '../../app-registry/realtime-app';
import type { RestRequest } from './rest-request';

/** The app RestAuthGuard authenticated for this request. */
export const CurrentApp = createParamDecorator((_data: unknown, context: ExecutionContext): RealtimeApp => {
  const app = context.switchToHttp().getRequest<RestRequest>().pusherApp;
  if (!app) throw new Error('CurrentApp used on a route without RestAuthGuard');
  return app;
});
