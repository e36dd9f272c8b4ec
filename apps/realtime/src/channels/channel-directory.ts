import type { RealtimeApp } from '../app-registry/realtime-app';

/** One event to deliver; `data` is sent to clients byte for byte as the frame's `data` string. */
export interface PublishRequest {
  channels: readonly string[];
  event: string;
  data: string;
  /** This socket (if connected anywhere in the cluster) does not receive the event. */
  socketId?: string;
}

/** An occupied channel as seen across the cluster. */
export interface ChannelSummary {
  name: string;
  /** Subscribed sockets on every node. */
  subscriptionCount: number;
  /** Distinct presence members; presence channels only. */
  userCount?: number;
}

export interface ChannelState {
  occupied: boolean;
  subscriptionCount: number;
  /** Presence channels only. */
  userCount?: number;
}

/**
 * The realtime cluster's channels as the REST API sees them. Every method is cluster-wide: state
 * lives in Redis and events travel over Redis pub/sub to every node.
 */
export abstract class ChannelDirectory {
  /**
   * Delivers the event to every subscriber of each channel on every node, exactly once per socket,
   * except `socketId`. `#server-to-user-{id}` reaches every socket signed in as that user. Cache
   * channels keep the event as their last one. Resolves once this node has delivered locally and
   * handed the event to Redis; callers validate names and sizes first.
   */
  abstract publish(app: RealtimeApp, request: PublishRequest): Promise<void>;

  /** Occupied channels, optionally only those starting with `prefix`; `userCount` set for presence channels. */
  abstract listChannels(app: RealtimeApp, options?: { prefix?: string }): Promise<ChannelSummary[]>;

  /** One channel's occupancy; `userCount` set for presence channels. */
  abstract channelInfo(app: RealtimeApp, channel: string): Promise<ChannelState>;

  /** Distinct user ids of a presence channel's members (empty when unoccupied). */
  abstract presenceUserIds(app: RealtimeApp, channel: string): Promise<string[]>;

  /** Closes every socket signed in as `userId` on every node with 4009; resolves once requested. */
  abstract terminateUserConnections(app: RealtimeApp, userId: string): Promise<void>;
}
