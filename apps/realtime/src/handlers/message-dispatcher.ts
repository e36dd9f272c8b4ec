import { type ClientFrame, isClientEventName, PusherEvent } from '@app/pusher-protocol';
import type { Connection } from '../connection/connection';
import type { ClientMessageHandler } from './client-message-handler';

export interface DispatcherHandlers {
  ping: ClientMessageHandler;
  pong: ClientMessageHandler;
  subscribe: ClientMessageHandler;
  unsubscribe: ClientMessageHandler;
  signin: ClientMessageHandler;
  clientEvent: ClientMessageHandler;
}

/**
 * Routes a decoded client frame to its handler by event name; `client-*` names go to the client-event
 * handler. Unknown events are ignored (as Pusher does). A handler failure is reported to `onError`
 * and never reaches the socket loop.
 */
export class MessageDispatcher {
  private readonly handlers: Map<string, ClientMessageHandler>;
  private readonly clientEvent: ClientMessageHandler;

  constructor(
    handlers: DispatcherHandlers,
    private readonly onError: (error: unknown, connection: Connection) => void,
  ) {
    this.clientEvent = handlers.clientEvent;
    this.handlers = new Map([
      [PusherEvent.Ping, handlers.ping],
      [PusherEvent.Pong, handlers.pong],
      [PusherEvent.Subscribe, handlers.subscribe],
      [PusherEvent.Unsubscribe, handlers.unsubscribe],
      [PusherEvent.Signin, handlers.signin],
    ]);
  }

  dispatch(connection: Connection, frame: ClientFrame): void {
    const handler = this.handlers.get(frame.event) ?? (isClientEventName(frame.event) ? this.clientEvent : undefined);
    if (!handler) return;
    try {
      const result = handler.handle(connection, frame);
      if (result) result.catch((error: unknown) => this.onError(error, connection));
    } catch (error) {
      this.onError(error, connection);
    }
  }
}
