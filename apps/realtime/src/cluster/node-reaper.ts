import type Redis from 'ioredis';
import { realtimeConnectionsKey, realtimeNodeAppsKey, realtimeNodesKey, realtimeReapLockKey, type RedisKeys } from '@app/redis';
import type { AppRegistry } from '../app-registry/app-registry';
import type { ChannelEvents } from '../channels/channel-events';
import type { ChannelOccupancy } from '../channels/channel-occupancy';
import type { PresenceStore } from '../presence/presence-store';
import type { OnlineStatus } from '../watchlist/online-status';

/**
 * Removes what a node left in Redis: its presence members (with `member_removed` to the channel and the
 * webhook, once per user), its share of channel counts (`channel_vacated` when a channel empties) and
 * its connection counts, and its signed-in users (watchlist `offline` for those left with no socket). Used for nodes that stopped heartbeating, and by a node for itself on shutdown.
 * A short lock makes one node reap a given dead node.
 */
export class NodeReaper {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly apps: AppRegistry,
    private readonly presence: PresenceStore,
    private readonly occupancy: ChannelOccupancy,
    private readonly events: ChannelEvents,
    private readonly status: OnlineStatus,
    private readonly lockMs: number,
  ) {}

  /** Reaps `nodeId` unless another node holds its lock; returns whether this call did it. */
  async reap(nodeId: number): Promise<boolean> {
    const lock = await this.redis.set(realtimeReapLockKey(this.keys, nodeId), '1', 'PX', this.lockMs, 'NX');
    if (lock === null) return false;
    const appIds = await this.redis.smembers(realtimeNodeAppsKey(this.keys, nodeId));
    for (const appId of appIds) await this.reapApp(appId, nodeId);
    await this.redis.multi().del(realtimeNodeAppsKey(this.keys, nodeId)).zrem(realtimeNodesKey(this.keys), String(nodeId)).exec();
    return true;
  }

  private async reapApp(appId: string, nodeId: number): Promise<void> {
    const departures = await this.presence.reapNode(appId, nodeId);
    const changes = await this.occupancy.reapNode(appId, nodeId);
    await this.redis.hdel(realtimeConnectionsKey(this.keys, appId), String(nodeId));
    await this.status.reapNode(appId, nodeId);
    const app = this.apps.findById(appId);
    if (!app) return;
    for (const { channel, userId } of departures) this.events.memberRemoved(app, channel, userId);
    for (const { channel, count } of changes) this.events.occupancyChanged(app, channel, count, -1);
  }
}
