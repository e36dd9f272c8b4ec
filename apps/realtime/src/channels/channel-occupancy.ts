/** A channel whose cluster-wide subscription count changed because a node's share was removed. */
export interface OccupancyChange {
  channel: string;
  /** Subscriptions left in the cluster (0 = vacated). */
  count: number;
}

/**
 * Subscription counts per channel across the cluster, with each node's share recorded so the share of
 * a node that dies can be taken back. A channel is occupied while its count is above 0.
 */
export abstract class ChannelOccupancy {
  /** Adds `delta` (+1/-1) subscriptions on `nodeId`; returns the cluster-wide count afterwards. */
  abstract change(appId: string, channel: string, nodeId: number, delta: number): Promise<number>;

  abstract count(appId: string, channel: string): Promise<number>;

  /** Occupied channels with their counts. */
  abstract all(appId: string): Promise<Map<string, number>>;

  /** Removes a node's share of every channel of the app; returns the channels whose count changed. */
  abstract reapNode(appId: string, nodeId: number): Promise<OccupancyChange[]>;
}
