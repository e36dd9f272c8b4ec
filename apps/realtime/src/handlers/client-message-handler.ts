import type { ClientFrame } from '@app/pusher-protocol';
import type { Connection } from '../connection/connection';

/** Handles one kind of client frame. A rejection is logged by the dispatcher; the socket stays open. */
export interface ClientMessageHandler {
  handle(connection: Connection, frame: ClientFrame): void | Promise<void>;
}
