import type Pusher from 'pusher-js';
import type { Channel } from 'pusher-js';
import type { ApiClient } from './api-client.js';
import type { Platform, Registration, SubscriptionParams } from './types.js';

/** A component's hold on a channel; the subscription lives while at least one lease does. */
export interface ChannelLease {
  readonly channel: Channel;
  release(): void;
}

interface Entry {
  name: string;
  channel: Channel;
  leases: Set<LeaseState>;
  registration: Registration | null;
  registrationToken: string | null | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
  teardown: ReturnType<typeof setTimeout> | undefined;
  listeners: Set<() => void>;
  onSucceeded: () => void;
}

interface LeaseState {
  params: SubscriptionParams;
}

/** Registry refreshes happen at this fraction of the TTL, so one lost request does not expire the entry. */
const REFRESH_FRACTION = 0.5;
const RETRY_DELAY_MS = 5_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Reference-counted channel subscriptions over one pusher-js connection, kept in step with the
 * api's membership registry.
 *
 * Guarantees:
 * - one pusher-js subscription per channel however many components hold it; the last release
 *   unsubscribes (deferred by a tick, so a re-render that releases and re-acquires keeps it);
 * - after every `pusher:subscription_succeeded` (including after a reconnect, with the new socket id)
 *   the socket is registered with `/pusher/subscribe`, then refreshed at half its TTL while connected;
 * - the last release, and a page hide (`navigator.sendBeacon`), call `/pusher/unsubscribe`.
 */
export class ChannelSubscriptions {
  private readonly entries = new Map<string, Entry>();
  private latestToken: string | null | undefined;

  constructor(
    private readonly pusher: Pusher,
    private readonly api: ApiClient,
    private readonly platform: Platform,
    private readonly providerToken: () => string | null | undefined,
  ) {
    pusher.connection.bind('state_change', this.onStateChange);
  }

  /** The token for the next channel authorization: the newest one a component passed, else the provider's. */
  token(): string | null | undefined {
    return this.latestToken ?? this.providerToken();
  }

  acquire(name: string, params: SubscriptionParams = {}): ChannelLease {
    const entry = this.entries.get(name) ?? this.open(name);
    clearTimeout(entry.teardown);
    entry.teardown = undefined;
    const state: LeaseState = { params };
    entry.leases.add(state);
    if (params.token) this.latestToken = params.token;
    if (entry.channel.subscribed && !entry.registration) this.register(entry);
    let released = false;
    return {
      channel: entry.channel,
      release: () => {
        if (released) return;
        released = true;
        entry.leases.delete(state);
        if (entry.leases.size === 0) entry.teardown = setTimeout(() => this.close(entry), 0);
      },
    };
  }

  /** Calls `listener` each time this socket's registration on `name` is written; returns the unsubscribe. */
  onRegistered(name: string, listener: () => void): () => void {
    const entry = this.entries.get(name);
    if (!entry) return () => undefined;
    entry.listeners.add(listener);
    return () => entry.listeners.delete(listener);
  }

  /** Number of components holding `name`; for diagnostics and tests. */
  holders(name: string): number {
    return this.entries.get(name)?.leases.size ?? 0;
  }

  /** Page is going away (or into the back/forward cache): unregister every socket with a beacon. */
  pageHidden(): void {
    for (const entry of this.entries.values()) {
      if (!entry.registration) continue;
      this.api.unregisterOnExit(entry.registration, entry.registrationToken);
      entry.registration = null;
      clearTimeout(entry.timer);
    }
  }

  /** Page restored from the back/forward cache: register again what is still subscribed. */
  pageShown(): void {
    for (const entry of this.entries.values()) if (entry.channel.subscribed && !entry.registration) this.register(entry);
  }

  /** Unsubscribes everything and stops listening; the connection itself is the provider's to close. */
  dispose(): void {
    this.pusher.connection.unbind('state_change', this.onStateChange);
    for (const entry of [...this.entries.values()]) this.close(entry);
  }

  private open(name: string): Entry {
    const channel = this.pusher.subscribe(name);
    const entry: Entry = {
      name,
      channel,
      leases: new Set(),
      registration: null,
      registrationToken: undefined,
      timer: undefined,
      teardown: undefined,
      listeners: new Set(),
      onSucceeded: () => this.register(entry),
    };
    channel.bind('pusher:subscription_succeeded', entry.onSucceeded);
    this.entries.set(name, entry);
    return entry;
  }

  private close(entry: Entry): void {
    if (entry.leases.size > 0 || this.entries.get(entry.name) !== entry) return;
    this.entries.delete(entry.name);
    clearTimeout(entry.timer);
    clearTimeout(entry.teardown);
    entry.channel.unbind('pusher:subscription_succeeded', entry.onSucceeded);
    this.pusher.unsubscribe(entry.name);
    if (entry.registration) this.api.unregister(entry.registration, entry.registrationToken).catch(() => undefined);
    entry.registration = null;
  }

  /** The params of the newest lease that names a user; a channel nobody names a user for is not registered. */
  private owner(entry: Entry): SubscriptionParams {
    let owner: SubscriptionParams = {};
    for (const { params } of entry.leases) if (params.userId !== undefined) owner = params;
    return owner;
  }

  private register(entry: Entry): void {
    const socketId = this.pusher.connection.socket_id;
    const owner = this.owner(entry);
    const token = owner.token ?? this.providerToken();
    if (!socketId || owner.userId === undefined || this.entries.get(entry.name) !== entry) return;
    clearTimeout(entry.timer);
    const previous = entry.registration;
    if (previous && previous.socketId !== socketId) this.api.unregister(previous, entry.registrationToken).catch(() => undefined);
    const registration: Registration = { socketId, channel: entry.name, userId: owner.userId, platform: this.platform };
    entry.registration = registration;
    entry.registrationToken = token;
    this.api.register(registration, token).then(
      (ttlSeconds) => {
        if (entry.registration !== registration) return;
        for (const listener of entry.listeners) listener();
        this.schedule(entry, ttlSeconds * 1000 * REFRESH_FRACTION);
      },
      () => {
        if (entry.registration === registration) this.schedule(entry, RETRY_DELAY_MS);
      },
    );
  }

  private schedule(entry: Entry, delayMs: number): void {
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => this.register(entry), Math.min(Math.max(delayMs, 1_000), MAX_TIMER_MS));
  }

  /** A dropped connection takes its socket id with it: stop refreshing; the next subscription_succeeded registers anew. */
  private readonly onStateChange = ({ current }: { current: string }): void => {
    if (current === 'connected') return;
    for (const entry of this.entries.values()) clearTimeout(entry.timer);
  };
}
