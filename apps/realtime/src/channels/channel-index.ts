import type { Subscription } from '../connection/subscription';

/**
 * This node's subscribers per app and channel. Synchronous, in memory; the broadcast loop reads it
 * directly (no await, no allocation per recipient).
 */
export class ChannelIndex {
  private readonly apps = new Map<string, Map<string, Set<Subscription>>>();

  /** Adds a subscription; returns this node's subscriber count for the channel afterwards. */
  add(appId: string, subscription: Subscription): number {
    let channels = this.apps.get(appId);
    if (!channels) this.apps.set(appId, (channels = new Map<string, Set<Subscription>>()));
    let set = channels.get(subscription.channel);
    if (!set) channels.set(subscription.channel, (set = new Set<Subscription>()));
    set.add(subscription);
    return set.size;
  }

  /** Removes a subscription; returns whether it was there. */
  remove(appId: string, subscription: Subscription): boolean {
    const channels = this.apps.get(appId);
    const set = channels?.get(subscription.channel);
    if (!channels || !set?.delete(subscription)) return false;
    if (set.size === 0) channels.delete(subscription.channel);
    if (channels.size === 0) this.apps.delete(appId);
    return true;
  }

  subscribers(appId: string, channel: string): ReadonlySet<Subscription> | undefined {
    return this.apps.get(appId)?.get(channel);
  }

  /** Subscriptions held on this node across apps. */
  get size(): number {
    let total = 0;
    for (const channels of this.apps.values()) for (const set of channels.values()) total += set.size;
    return total;
  }
}
