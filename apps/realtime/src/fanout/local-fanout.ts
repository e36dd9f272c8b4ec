import type { WatchlistEvent } from '@app/pusher-protocol';
import { Fanout } from './fanout';
import type { LocalDelivery } from './local-delivery';

/** Single-node fan-out: delivers to this process's sockets only (tests, one-node setups). */
export class LocalFanout extends Fanout {
  constructor(private readonly delivery: LocalDelivery) {
    super();
  }

  broadcast(appId: string, channel: string, frame: string, excludeSocketId?: string): Promise<void> {
    if (this.delivery.hasRecipients(appId, channel)) this.delivery.deliver(appId, channel, Buffer.from(frame), excludeSocketId);
    return Promise.resolve();
  }

  terminateUser(appId: string, userId: string): Promise<void> {
    this.delivery.terminateUser(appId, userId);
    return Promise.resolve();
  }

  watchlistEvent(appId: string, name: WatchlistEvent['name'], userIds: readonly string[]): Promise<void> {
    this.delivery.notifyWatchers(appId, name, userIds);
    return Promise.resolve();
  }
}
