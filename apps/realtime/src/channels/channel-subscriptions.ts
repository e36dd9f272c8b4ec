import { encodeFrame, encodeServerEvent, isCacheChannel, PusherEvent, type PresenceMember } from '@app/pusher-protocol';
import type { ClusterNode } from '../cluster/cluster-node';
import type { Connection } from '../connection/connection';
import type { Subscription } from '../connection/subscription';
import type { PresenceStore } from '../presence/presence-store';
import { isStaleMemberEvent } from '../presence/stale-member-event';
import type { WebhookEmitter } from '../webhooks/webhook-emitter';
import type { ChannelCache } from './channel-cache';
import type { ChannelEvents } from './channel-events';
import type { ChannelIndex } from './channel-index';
import type { ChannelOccupancy } from './channel-occupancy';

/**
 * Joins and leaves channels for a socket: local index, cluster-wide counts and presence members in
 * Redis, then the replies (`subscription_succeeded`, cached event or `pusher:cache_miss`) and the
 * cluster-wide events. Callers run these through `Connection.serialize`.
 */
export class ChannelSubscriptions {
  constructor(
    private readonly index: ChannelIndex,
    private readonly presence: PresenceStore,
    private readonly occupancy: ChannelOccupancy,
    private readonly cache: ChannelCache,
    private readonly cluster: ClusterNode,
    private readonly events: ChannelEvents,
    private readonly webhooks: WebhookEmitter,
  ) {}

  /**
   * Completes a pending subscription (from `Connection.beginSubscription`); `member` for presence
   * channels. The subscription holds channel events until the snapshot is sent. On failure the
   * subscription is dropped and the client gets `pusher:subscription_error`; the error is rethrown.
   */
  async subscribe(connection: Connection, subscription: Subscription, member?: PresenceMember): Promise<void> {
    const app = connection.app;
    const channel = subscription.channel;
    this.index.add(app.id, subscription);
    try {
      await this.cluster.trackApp(app.id);
      let presenceJson: string | undefined;
      let added = false;
      if (member) {
        const info = JSON.stringify(member.user_info ?? null);
        const join = await this.presence.join(app.id, channel, connection.socketId, member.user_id, info, app.maxPresenceMembers);
        if (join.status === 'full') {
          this.drop(connection, subscription);
          const error = `Presence channel ${channel} has reached its limit of ${app.maxPresenceMembers} members`;
          connection.send(encodeServerEvent('pusher:subscription_error', { type: 'LimitReached', error, status: 4100 }, channel));
          return;
        }
        subscription.userId = member.user_id;
        added = join.status === 'added';
        presenceJson = snapshotJson(join.members);
        subscription.discardPending((frame) => isStaleMemberEvent(frame, join.members));
      }
      const count = await this.occupancy.change(app.id, channel, this.cluster.id, 1);
      const cache = isCacheChannel(channel);
      const cached = cache ? await this.cache.load(app.id, channel) : undefined;

      const data = presenceJson === undefined ? '{}' : `{"presence":${presenceJson}}`;
      connection.send(encodeFrame({ event: PusherEvent.SubscriptionSucceeded, channel, data }));
      if (cached) connection.send(encodeFrame({ event: cached.event, channel, data: cached.data }));
      else if (cache) {
        connection.send(encodeServerEvent('pusher:cache_miss', undefined, channel));
        this.webhooks.emit(app, { name: 'cache_miss', channel });
      }
      subscription.activate();

      this.events.occupancyChanged(app, channel, count, 1);
      if (added && member) this.events.memberAdded(app, channel, member.user_id, member.user_info, connection.socketId);
    } catch (error) {
      this.drop(connection, subscription);
      const reply = { type: 'ServerError', error: 'Subscription failed; try again', status: 503 };
      connection.send(encodeServerEvent('pusher:subscription_error', reply, channel));
      throw error;
    }
  }

  /** Leaves one channel (no reply, as Pusher). Unknown channels are ignored. */
  async unsubscribe(connection: Connection, channel: string): Promise<void> {
    const subscription = connection.subscriptions.get(channel);
    if (!subscription) return;
    this.drop(connection, subscription);
    const app = connection.app;
    const departed = subscription.userId === undefined ? null : await this.presence.leave(app.id, channel, connection.socketId);
    const count = await this.occupancy.change(app.id, channel, this.cluster.id, -1);
    if (departed !== null) this.events.memberRemoved(app, channel, departed);
    this.events.occupancyChanged(app, channel, count, -1);
  }

  /** Leaves every channel of a closing socket; continues past failures and rethrows the first. */
  async release(connection: Connection): Promise<void> {
    const failures: unknown[] = [];
    for (const channel of [...connection.subscriptions.keys()]) {
      await this.unsubscribe(connection, channel).catch((error: unknown) => failures.push(error));
    }
    if (failures.length > 0) throw failures[0] instanceof Error ? failures[0] : new Error(String(failures[0]));
  }

  /** Drops a socket's subscriptions from this node only, leaving Redis alone (its state was already reaped). */
  forget(connection: Connection): void {
    for (const subscription of [...connection.subscriptions.values()]) this.drop(connection, subscription);
  }

  private drop(connection: Connection, subscription: Subscription): void {
    connection.subscriptions.delete(subscription.channel);
    this.index.remove(connection.app.id, subscription);
  }
}

/** `{"ids":[...],"hash":{...},"count":n}` built from stored user_info JSON without re-parsing it. */
function snapshotJson(members: Map<string, string>): string {
  const ids: string[] = [];
  const hash: string[] = [];
  for (const [userId, info] of members) {
    const id = JSON.stringify(userId);
    ids.push(id);
    hash.push(`${id}:${info}`);
  }
  return `{"ids":[${ids.join(',')}],"hash":{${hash.join(',')}},"count":${ids.length}}`;
}
