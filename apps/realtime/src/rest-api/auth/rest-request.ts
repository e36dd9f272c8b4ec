import type { Request } from 'express';
import type { RealtimeApp } from '../../app-registry/realtime-app';

/** An express request on a REST API route, as the body reader and the auth guard leave it. */
export interface RestRequest extends Request {
  /** The exact body bytes received (empty for none), set by RestBodyReader. */
  rawBody?: Buffer;
  /** The authenticated, enabled app, set by RestAuthGuard. */
  pusherApp?: RealtimeApp;
}
