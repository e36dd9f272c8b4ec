import type { ChannelMembersPage, Platform, UserChannels } from '@app/contracts';

/** One socket of one user in one channel, as registered by `POST /pusher/subscribe`. */
export interface MembershipEntry {
  socketId: string;
  channel: string;
  userId: string;
  platform: Platform;
}

/** Which entries of a socket to remove: one channel or all, and only those of one user when given. */
export interface UnsubscribeFilter {
  channel?: string;
  userId?: string;
}

/**
 * The membership registry: which users (through which sockets and platforms) are in which channels of
 * an app, with no member cap. Every write is atomic; an entry not refreshed within the TTL given to
 * the implementation counts as gone (reads drop such entries before answering, and `sweep` drops them
 * in the background). Times are Unix ms; `now` is injectable for tests.
 */
export abstract class MembershipRepository {
  /** Adds or refreshes (heartbeat) an entry; true when it was not there. */
  abstract subscribe(appId: string, entry: MembershipEntry, now?: number): Promise<boolean>;

  /** Removes a socket's entries (see UnsubscribeFilter); returns how many. */
  abstract unsubscribe(appId: string, socketId: string, filter?: UnsubscribeFilter): Promise<number>;

  /** Removes a user's entries in a channel refreshed before `before` (a webhook's `time_ms`); returns how many. */
  abstract removeUser(appId: string, channel: string, userId: string, before: number): Promise<number>;

  /** Removes every entry of a channel refreshed before `before`; returns how many. */
  abstract clearChannel(appId: string, channel: string, before: number): Promise<number>;

  /** A page of distinct users in user-id order after `cursor` (exclusive), with exact totals. O(page). */
  abstract listMembers(appId: string, channel: string, page: { cursor?: string; limit: number }, now?: number): Promise<ChannelMembersPage>;

  /** The channels a user has live entries in. */
  abstract userChannels(appId: string, userId: string, now?: number): Promise<UserChannels>;

  /** Drops expired entries of every app; returns how many. */
  abstract sweep(now?: number): Promise<number>;
}
