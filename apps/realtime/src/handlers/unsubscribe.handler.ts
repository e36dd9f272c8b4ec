import { type ClientFrame, encodeError, parseUnsubscribeData } from '@app/pusher-protocol';
import type { ChannelSubscriptions } from '../channels/channel-subscriptions';
import type { Connection } from '../connection/connection';
import type { ClientMessageHandler } from './client-message-handler';

/** `pusher:unsubscribe`: leaves the channel; no reply, as Pusher. */
export class UnsubscribeHandler implements ClientMessageHandler {
  constructor(private readonly subscriptions: ChannelSubscriptions) {}

  handle(connection: Connection, frame: ClientFrame): Promise<void> | void {
    const data = parseUnsubscribeData(frame.data);
    if (typeof data === 'string') return connection.send(encodeError(null, data));
    return connection.serialize(() => this.subscriptions.unsubscribe(connection, data.channel));
  }
}
