import type Redis from 'ioredis';
import type { WatchlistEvent } from '@app/pusher-protocol';
import { realtimeBusKey, type RedisKeys } from '@app/redis';
import type { NodeIdentity } from '../cluster/node-identity';
import { decodeBusMessage, encodeEventMessage, encodeTerminateMessage, encodeWatchlistMessage } from './bus-message';
import { Fanout } from './fanout';
import type { LocalDelivery } from './local-delivery';

/**
 * Cluster fan-out over one Redis pub/sub channel. The publishing node delivers to its own sockets
 * directly and publishes once; every other node delivers what it receives to its sockets (a node
 * ignores its own messages, so each socket gets an event once). The subscriber uses its own
 * connection, as pub/sub requires. Ordering: events published by one node arrive in order.
 */
export class RedisFanout extends Fanout {
  private readonly bus: string;

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    keys: RedisKeys,
    private readonly node: NodeIdentity,
    private readonly delivery: LocalDelivery,
  ) {
    super();
    this.bus = realtimeBusKey(keys);
  }

  /** Subscribes to the bus; resolves once messages from other nodes flow. */
  async start(): Promise<void> {
    const self = String(this.node.id);
    this.subscriber.on('messageBuffer', (_channel: Buffer, message: Buffer) => {
      const decoded = decodeBusMessage(message);
      if (!decoded || decoded.origin === self) return;
      if (decoded.kind === 'event') {
        this.delivery.deliver(decoded.appId, decoded.channel, decoded.frame, decoded.exclude || undefined);
      } else if (decoded.kind === 'terminate') {
        this.delivery.terminateUser(decoded.appId, decoded.userId);
      } else {
        this.delivery.notifyWatchers(decoded.appId, decoded.name, decoded.userIds);
      }
    });
    await this.subscriber.subscribe(this.bus);
  }

  async broadcast(appId: string, channel: string, frame: string, excludeSocketId?: string): Promise<void> {
    if (this.delivery.hasRecipients(appId, channel)) this.delivery.deliver(appId, channel, Buffer.from(frame), excludeSocketId);
    await this.publisher.publish(this.bus, encodeEventMessage(this.node.id, appId, channel, frame, excludeSocketId));
  }

  async terminateUser(appId: string, userId: string): Promise<void> {
    this.delivery.terminateUser(appId, userId);
    await this.publisher.publish(this.bus, encodeTerminateMessage(this.node.id, appId, userId));
  }

  async watchlistEvent(appId: string, name: WatchlistEvent['name'], userIds: readonly string[]): Promise<void> {
    this.delivery.notifyWatchers(appId, name, userIds);
    await this.publisher.publish(this.bus, encodeWatchlistMessage(this.node.id, appId, name, userIds));
  }

  async stop(): Promise<void> {
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }
}
