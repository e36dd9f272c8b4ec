import { CloseCode, encodeError, serverToUserId, type WatchlistEvent } from '@app/pusher-protocol';
import type { ChannelIndex } from '../channels/channel-index';
import type { ConnectionRegistry } from '../connection/connection-registry';
import type { WatcherIndex } from '../watchlist/watcher-index';

const TERMINATED_MESSAGE = 'You got disconnected by the app.';
const TERMINATED_FRAME = encodeError(CloseCode.Unauthorized, TERMINATED_MESSAGE);

/** Writes frames to this node's sockets. The per-recipient loop does no JSON work and no await. */
export class LocalDelivery {
  constructor(
    private readonly index: ChannelIndex,
    private readonly connections: ConnectionRegistry,
    private readonly watchers: WatcherIndex,
  ) {}

  deliver(appId: string, channel: string, frame: Buffer, excludeSocketId?: string): void {
    const userId = serverToUserId(channel);
    if (userId !== null) {
      for (const connection of this.connections.forUser(appId, userId)) {
        if (connection.socketId !== excludeSocketId) connection.send(frame);
      }
      return;
    }
    const subscribers = this.index.subscribers(appId, channel);
    if (!subscribers) return;
    for (const subscription of subscribers) {
      if (subscription.connection.socketId !== excludeSocketId) subscription.deliver(frame);
    }
  }

  /** Whether this node has anyone to deliver the channel to (lets callers skip encoding). */
  hasRecipients(appId: string, channel: string): boolean {
    const userId = serverToUserId(channel);
    if (userId !== null) return this.connections.forUser(appId, userId).size > 0;
    return (this.index.subscribers(appId, channel)?.size ?? 0) > 0;
  }

  /** Sends watchlist events to this node's sockets that watch any of `userIds`. */
  notifyWatchers(appId: string, name: WatchlistEvent['name'], userIds: readonly string[]): void {
    this.watchers.notify(appId, name, userIds);
  }

  /** Closes this node's sockets signed in as the user with 4009 (pusher-js does not reconnect them). */
  terminateUser(appId: string, userId: string): void {
    for (const connection of [...this.connections.forUser(appId, userId)]) {
      connection.send(TERMINATED_FRAME);
      connection.close(CloseCode.Unauthorized, TERMINATED_MESSAGE);
    }
  }
}
