import {
  type ClientFrame,
  encodeError,
  encodeServerEvent,
  memberFromUser,
  parseChannel,
  parseChannelData,
  parseSubscribeData,
  type PresenceMember,
  serverToUserId,
  validateChannelName,
  verifyChannelAuth,
} from '@app/pusher-protocol';
import type { ChannelSubscriptions } from '../channels/channel-subscriptions';
import type { Connection } from '../connection/connection';
import type { ClientMessageHandler } from './client-message-handler';

/**
 * `pusher:subscribe`: checks the name, the signature (with this connection's socket id, constant
 * time) and presence member, then joins. Channel-level failures are answered with a channel-scoped
 * `pusher:subscription_error` (delivered by pusher-js to the channel's binding); malformed frames and
 * duplicates with `pusher:error` (code null), as Pusher does.
 */
export class SubscribeHandler implements ClientMessageHandler {
  constructor(
    private readonly subscriptions: ChannelSubscriptions,
    private readonly maxChannelNameLength: number,
  ) {}

  handle(connection: Connection, frame: ClientFrame): Promise<void> | void {
    const data = parseSubscribeData(frame.data);
    if (typeof data === 'string') return connection.send(encodeError(null, data));
    const { channel } = data;
    const invalid = validateChannelName(channel, this.maxChannelNameLength);
    if (invalid !== null) return refuse(connection, channel, 'InvalidChannel', invalid, 400);

    const member = this.authorize(connection, data.channel, data.auth, data.channel_data);
    if (typeof member === 'string') return refuse(connection, channel, 'AuthError', member, 401);

    const subscription = connection.beginSubscription(channel);
    if (!subscription) return connection.send(encodeError(null, `Existing subscription to channel ${channel}`));
    return connection.serialize(() => this.subscriptions.subscribe(connection, subscription, member ?? undefined));
  }

  /** The presence member (null for other kinds) when allowed, else the reason. */
  private authorize(
    connection: Connection,
    channel: string,
    auth: string | undefined,
    channelData: string | undefined,
  ): PresenceMember | null | string {
    const { kind } = parseChannel(channel);
    const { key, secret } = connection.app;
    const socketId = connection.socketId;
    switch (kind) {
      case 'public':
        return null;
      case 'server-to-user':
        return connection.user !== undefined && serverToUserId(channel) === connection.user.id
          ? null
          : `Sign in as user ${serverToUserId(channel)} to subscribe to ${channel}`;
      case 'private':
      case 'private-encrypted':
        if (!auth) return `Auth info required to subscribe to ${channel}`;
        return verifyChannelAuth({ key, secret, socketId, channel, auth }) ? null : `Invalid signature for ${channel}`;
      case 'presence': {
        if (!auth) return `Auth info required to subscribe to ${channel}`;
        if (channelData === undefined) {
          if (!connection.user) return `Presence channel ${channel} needs channel_data or a signed-in user`;
          if (!verifyChannelAuth({ key, secret, socketId, channel, auth })) return `Invalid signature for ${channel}`;
          return memberFromUser({ id: connection.user.id, user_info: connection.user.info });
        }
        if (!verifyChannelAuth({ key, secret, socketId, channel, channelData, auth })) return `Invalid signature for ${channel}`;
        return parseChannelData(channelData);
      }
    }
  }
}

function refuse(connection: Connection, channel: string, type: string, error: string, status: number): void {
  connection.send(encodeServerEvent('pusher:subscription_error', { type, error, status }, channel));
}
