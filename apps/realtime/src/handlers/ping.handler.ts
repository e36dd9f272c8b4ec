import { type ClientFrame, PONG_FRAME } from '@app/pusher-protocol';
import type { Connection } from '../connection/connection';
import type { ClientMessageHandler } from './client-message-handler';

/** `pusher:ping` → `pusher:pong`. */
export class PingHandler implements ClientMessageHandler {
  handle(connection: Connection, _frame: ClientFrame): void {
    connection.send(PONG_FRAME);
  }
}
