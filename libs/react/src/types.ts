/** Platforms the membership registry counts; any string is accepted. */
export type Platform = 'Web' | 'iOS' | 'Android' | (string & {});

/** Who a subscription belongs to: the registry entry's user and the bearer token that proves it. */
export interface SubscriptionParams {
  userId?: string;
  token?: string | null;
}

/** One socket on one channel, as sent to `/pusher/subscribe` and `/pusher/unsubscribe`. */
export interface Registration {
  socketId: string;
  channel: string;
  userId: string;
  platform: Platform;
}

/*
 * The registry's HTTP shapes, mirrored from the api's contract so this package publishes on its own.
 * Times are Unix milliseconds.
 */

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

/** A page of `GET /channels/{channel}/members`, in user-id order. */
export interface ChannelMembers {
  channel: string;
  /** Distinct users in the channel (may exceed `members.length` when paged). */
  total: number;
  /** Registered sockets in the channel. */
  sockets: number;
  /** Distinct users per platform (a user on two platforms counts on both). */
  platforms: Record<string, number>;
  members: ChannelMember[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** How `<PusherProvider>` reaches the realtime server (ours or hosted Pusher) and the api. */
export interface PusherConnectionConfig {
  /** The app key (not `key`, which React reserves). */
  appKey: string;
  /** Realtime host; omit it to use hosted Pusher through `cluster`. */
  host?: string;
  /** Realtime port (both plain and TLS); defaults to 80/443. */
  port?: number;
  /** Use `wss://`; off by default for a self-hosted server, always on for hosted Pusher. */
  tls?: boolean;
  /** Hosted Pusher cluster (e.g. `eu`); any placeholder works with `host`. */
  cluster?: string;
  /** Base URL of the api; `''` (default) means the page's origin. */
  apiUrl?: string;
  /** Returns the signed-in user's bearer token; called before every api request and channel authorization. */
  getToken?: () => string | null | undefined;
  /** Platform reported to the registry; `Web` by default. */
  platform?: Platform;
  /** Injected for tests and non-browser runtimes; defaults to the global `fetch`. */
  fetch?: typeof fetch;
}
