import { channelKind, encodeFrame, isCacheChannel } from '@app/pusher-protocol';
import type { RealtimeApp } from '../app-registry/realtime-app';
import type { Fanout } from '../fanout/fanout';
import type { PresenceStore } from '../presence/presence-store';
import type { ChannelCache } from './channel-cache';
import { ChannelDirectory, type ChannelState, type ChannelSummary, type PublishRequest } from './channel-directory';
import type { ChannelOccupancy } from './channel-occupancy';

/** ChannelDirectory over the cluster's Redis state and fan-out. */
export class RedisChannelDirectory extends ChannelDirectory {
  constructor(
    private readonly fanout: Fanout,
    private readonly occupancy: ChannelOccupancy,
    private readonly presence: PresenceStore,
    private readonly cache: ChannelCache,
  ) {
    super();
  }

  async publish(app: RealtimeApp, { channels, event, data, socketId }: PublishRequest): Promise<void> {
    await Promise.all(
      channels.map(async (channel) => {
        const frame = encodeFrame({ event, channel, data });
        const cached = isCacheChannel(channel) ? this.cache.store(app.id, channel, event, data) : undefined;
        await Promise.all([this.fanout.broadcast(app.id, channel, frame, socketId), cached]);
      }),
    );
  }

  async listChannels(app: RealtimeApp, options: { prefix?: string } = {}): Promise<ChannelSummary[]> {
    const counts = await this.occupancy.all(app.id);
    const prefix = options.prefix ?? '';
    const matching = [...counts].filter(([name]) => name.startsWith(prefix));
    return Promise.all(
      matching.map(async ([name, subscriptionCount]): Promise<ChannelSummary> => {
        if (channelKind(name) !== 'presence') return { name, subscriptionCount };
        return { name, subscriptionCount, userCount: await this.presence.userCount(app.id, name) };
      }),
    );
  }

  async channelInfo(app: RealtimeApp, channel: string): Promise<ChannelState> {
    const subscriptionCount = await this.occupancy.count(app.id, channel);
    const state: ChannelState = { occupied: subscriptionCount > 0, subscriptionCount };
    if (channelKind(channel) === 'presence') state.userCount = await this.presence.userCount(app.id, channel);
    return state;
  }

  presenceUserIds(app: RealtimeApp, channel: string): Promise<string[]> {
    return this.presence.userIds(app.id, channel);
  }

  terminateUserConnections(app: RealtimeApp, userId: string): Promise<void> {
    return this.fanout.terminateUser(app.id, userId);
  }
}
