import { channelKind, encodeServerEvent } from '@app/pusher-protocol';
import type { RealtimeApp } from '../app-registry/realtime-app';
import type { Fanout } from '../fanout/fanout';
import type { WebhookEmitter } from '../webhooks/webhook-emitter';
import type { ChannelOccupancy } from './channel-occupancy';

/** Subscription-count changes of a channel within this window are reported once, with the count read then. */
const SUBSCRIPTION_COUNT_COALESCE_MS = 100;

/**
 * What the cluster tells clients and webhook receivers when channel membership changes. Callers pass
 * cluster-wide transitions (from Redis), so each event happens once however many nodes there are.
 * Broadcast failures (Redis down) are reported to `onError` and not thrown: membership already changed.
 */
export class ChannelEvents {
  private readonly pendingCounts = new Map<string, RealtimeApp>();

  constructor(
    private readonly fanout: Fanout,
    private readonly webhooks: WebhookEmitter,
    private readonly occupancy: ChannelOccupancy,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** A channel's cluster-wide subscription count moved by `delta` to `count`. */
  occupancyChanged(app: RealtimeApp, channel: string, count: number, delta: number): void {
    if (delta > 0 && count === delta) this.webhooks.emit(app, { name: 'channel_occupied', channel });
    if (count === 0) this.webhooks.emit(app, { name: 'channel_vacated', channel });
    if (!app.subscriptionCountEnabled || channelKind(channel) === 'presence') return;
    this.scheduleSubscriptionCount(app, channel);
  }

  /** A user became a member (its first socket joined); every other socket of the channel hears it. */
  memberAdded(app: RealtimeApp, channel: string, userId: string, userInfo: unknown, joiningSocketId: string): void {
    this.webhooks.emit(app, { name: 'member_added', channel, user_id: userId });
    const member = userInfo === undefined || userInfo === null ? { user_id: userId } : { user_id: userId, user_info: userInfo };
    this.send(app, channel, encodeServerEvent('pusher_internal:member_added', member, channel), joiningSocketId);
  }

  /** A user's last socket left the channel. */
  memberRemoved(app: RealtimeApp, channel: string, userId: string): void {
    this.webhooks.emit(app, { name: 'member_removed', channel, user_id: userId });
    this.send(app, channel, encodeServerEvent('pusher_internal:member_removed', { user_id: userId }, channel));
  }

  /**
   * Coalesces count changes per channel (a crowd joining would otherwise cost a broadcast per join to
   * every member) and reports the cluster-wide count read when the window closes, so the last report
   * from any node carries the latest value.
   */
  private scheduleSubscriptionCount(app: RealtimeApp, channel: string): void {
    const key = `${app.id}\n${channel}`;
    const pending = this.pendingCounts.has(key);
    this.pendingCounts.set(key, app);
    if (pending) return;
    setTimeout(() => {
      const latest = this.pendingCounts.get(key) ?? app;
      this.pendingCounts.delete(key);
      this.reportSubscriptionCount(latest, channel).catch(this.onError);
    }, SUBSCRIPTION_COUNT_COALESCE_MS).unref();
  }

  private async reportSubscriptionCount(app: RealtimeApp, channel: string): Promise<void> {
    const count = await this.occupancy.count(app.id, channel);
    if (count === 0) return;
    this.webhooks.emit(app, { name: 'subscription_count', channel, subscription_count: count });
    await this.fanout.broadcast(
      app.id,
      channel,
      encodeServerEvent('pusher_internal:subscription_count', { subscription_count: count }, channel),
    );
  }

  private send(app: RealtimeApp, channel: string, frame: string, excludeSocketId?: string): void {
    this.fanout.broadcast(app.id, channel, frame, excludeSocketId).catch(this.onError);
  }
}
