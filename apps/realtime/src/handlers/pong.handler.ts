import type { ClientFrame } from '@app/pusher-protocol';
import type { Connection } from '../connection/connection';
import type { ClientMessageHandler } from './client-message-handler';

/** `pusher:pong` needs nothing more: every frame already counts as proof of life. */
export class PongHandler implements ClientMessageHandler {
  handle(_connection: Connection, _frame: ClientFrame): void {}
}
