import {
  allowsClientEvents,
  type ClientFrame,
  CloseCode,
  CLOSE_MESSAGES,
  encodeError,
  encodeFrame,
  parseChannel,
} from '@app/pusher-protocol';
import type { Connection } from '../connection/connection';
import type { Fanout } from '../fanout/fanout';
import type { WebhookEmitter } from '../webhooks/webhook-emitter';
import type { ClientMessageHandler } from './client-message-handler';

/**
 * `client-*` events: allowed on private and presence channels the sender is subscribed to, when the
 * app enables them, within the app's size and per-connection rate limits. Relayed to every other
 * subscriber in the cluster (never echoed), with `user_id` on presence channels. Violations get an
 * in-band `pusher:error` (4301 for the rate limit, null otherwise) and the socket stays open.
 */
export class ClientEventHandler implements ClientMessageHandler {
  constructor(
    private readonly fanout: Fanout,
    private readonly webhooks: WebhookEmitter,
  ) {}

  handle(connection: Connection, frame: ClientFrame): Promise<void> | void {
    const app = connection.app;
    const channel = frame.channel;
    if (!app.clientEventsEnabled) return reject(connection, 'Client events are not enabled for this app');
    if (channel === undefined) return reject(connection, `Client event ${frame.event} needs a channel`);
    const subscription = connection.subscriptions.get(channel);
    if (!subscription || subscription.pending !== null)
      return reject(connection, `Client event ${frame.event} sent to ${channel}, which this connection is not subscribed to`);
    if (!allowsClientEvents(parseChannel(channel).kind))
      return reject(connection, `Client events are only allowed on private and presence channels, not ${channel}`);
    if (!connection.allowClientEvent(Date.now())) {
      return connection.send(
        encodeError(
          CloseCode.ClientEventRateLimit,
          `${CLOSE_MESSAGES[CloseCode.ClientEventRateLimit]} (${app.maxClientEventsPerSecond}/s)`,
        ),
      );
    }
    const data = typeof frame.data === 'string' ? frame.data : (JSON.stringify(frame.data) ?? '');
    const bytes = Buffer.byteLength(data, 'utf8');
    if (bytes > app.maxEventBytes) return reject(connection, `Client event data is ${bytes} bytes; the limit is ${app.maxEventBytes}`);

    const userId = subscription.userId;
    this.webhooks.emit(app, {
      name: 'client_event',
      channel,
      event: frame.event,
      data,
      socket_id: connection.socketId,
      ...(userId === undefined ? {} : { user_id: userId }),
    });
    return this.fanout.broadcast(
      app.id,
      channel,
      encodeFrame({ event: frame.event, channel, data: frame.data, user_id: userId }),
      connection.socketId,
    );
  }
}

function reject(connection: Connection, message: string): void {
  connection.send(encodeError(null, message));
}
