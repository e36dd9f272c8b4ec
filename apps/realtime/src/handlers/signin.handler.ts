import {
  type ClientFrame,
  CloseCode,
  encodeError,
  encodeServerEvent,
  parseSigninData,
  parseUserData,
  verifyUserAuth,
} from '@app/pusher-protocol';
import type { Connection } from '../connection/connection';
import type { ConnectionRegistry } from '../connection/connection-registry';
import type { OnlineStatus } from '../watchlist/online-status';
import type { ClientMessageHandler } from './client-message-handler';

/**
 * `pusher:signin` (user authentication): on a valid signature over `socket_id::user::user_data` the
 * connection becomes that user (server-to-user events, presence without channel_data, watchlist events
 * through OnlineStatus) and gets `pusher:signin_success`; otherwise `pusher:error` 4009 and a 4009
 * close, so pusher-js does not retry.
 */
export class SigninHandler implements ClientMessageHandler {
  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly status: OnlineStatus,
  ) {}

  handle(connection: Connection, frame: ClientFrame): void {
    const data = parseSigninData(frame.data);
    const { key, secret } = connection.app;
    if (typeof data === 'string') return this.refuse(connection, data);
    if (!verifyUserAuth({ key, secret, socketId: connection.socketId, userData: data.user_data, auth: data.auth })) {
      return this.refuse(connection, 'Invalid signature for pusher:signin');
    }
    const user = parseUserData(data.user_data);
    if (typeof user === 'string') return this.refuse(connection, user);
    clearTimeout(connection.signinDeadline);
    const previous = connection.user;
    const signedIn = { id: user.id, data: data.user_data, info: user.user_info, watchlist: user.watchlist ?? [] };
    this.connections.signIn(connection, user.id);
    connection.user = signedIn;
    connection.send(encodeServerEvent('pusher:signin_success', { user_data: data.user_data }));
    this.status.signedIn(connection, signedIn, previous);
  }

  private refuse(connection: Connection, reason: string): void {
    connection.send(encodeError(CloseCode.Unauthorized, reason));
    connection.close(CloseCode.Unauthorized, 'Sign-in failed');
  }
}
