/*
 * The membership registry as seen over HTTP, shared by the api and the web client. Times are Unix
 * milliseconds; counts are exact at the moment of the read (expired entries are dropped first).
 */

/** Where a subscriber runs; sent by the client with each `POST /pusher/subscribe`. */
export const PLATFORMS = ['Web', 'iOS', 'Android'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Body of `POST /pusher/subscribe`: registers (or refreshes) one socket of the signed-in user in a channel. */
export interface SubscribeMemberRequest {
  socket_id: string;
  channel: string;
  user_id: string;
  platform: Platform;
}

/** Body of `POST /pusher/unsubscribe`: one channel, or every channel of the socket when `channel` is absent. */
export interface UnsubscribeMemberRequest {
  socket_id: string;
  channel?: string;
}

/** One registered socket of a member. */
export interface MemberSocket {
  socketId: string;
  platform: Platform;
  joinedAt: number;
  lastSeenAt: number;
}

/** One distinct user in a channel with all of their registered sockets. */
export interface ChannelMember {
  userId: string;
  platforms: Platform[];
  sockets: MemberSocket[];
}

/** Distinct users per platform (a user on two platforms counts on both). */
export type PlatformCounts = Record<Platform, number>;

/** A page of `GET /channels/{channel}/members`, in user-id order. */
export interface ChannelMembersPage {
  channel: string;
  /** Distinct users in the channel. */
  total: number;
  /** Registered sockets in the channel. */
  sockets: number;
  platforms: PlatformCounts;
  members: ChannelMember[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** `GET /users/{id}/channels`: the channels a user is registered in, with their socket counts. */
export interface UserChannels {
  userId: string;
  channels: { channel: string; sockets: number }[];
}
