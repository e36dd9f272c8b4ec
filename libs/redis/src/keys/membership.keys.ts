import type { RedisKeys } from '../redis-keys';

/*
 * Keys of the membership registry (who is subscribed where, beyond the presence cap). Every key of
 * an app hangs off its membership stem, so they share one Redis Cluster slot and the registry's Lua
 * scripts may build the keys they discover (a socket's channels, a channel's users) from the stem.
 * The scripts get Lua twins of the functions below from `membershipLuaKeyFunctions()`, so the
 * layout is spelled once. Channel names cannot contain ':', which keeps the components apart.
 */

/** Stem of every membership key of one app. */
export const membershipStem = (keys: RedisKeys, appId: string): string => `${keys.app(appId)}mb:`;

/** Set of app ids that have (or had) registry entries, so the sweeper knows where to look. */
export const membershipAppsKey = (keys: RedisKeys): string => `${keys.prefix}mb:apps`;

type KeyFunction = (...parts: string[]) => string;

/** The per-app layout: each function takes the stem first. Parameter names are those of the Lua twins. */
export const membershipKeyLayout = {
  /** Sorted set (all scores 0): user ids present in a channel, paged in lexicographic order. */
  channelUsers: { params: ['stem', 'channel'], key: (stem: string, channel: string) => `${stem}ch:${channel}:users` },
  /** Hash: socket id → `platform|joinedAtMs|lastSeenMs` for one user's sockets in a channel. */
  channelUserSockets: {
    params: ['stem', 'channel', 'userId'],
    key: (stem: string, channel: string, userId: string) => `${stem}ch:${channel}:user:${userId}`,
  },
  /** Sorted set: socket id → last refresh (ms) in a channel; what expiry reads. */
  channelSeen: { params: ['stem', 'channel'], key: (stem: string, channel: string) => `${stem}ch:${channel}:seen` },
  /** Hash: `users`, `sockets` and one field per platform (distinct users on it) for a channel. */
  channelCounts: { params: ['stem', 'channel'], key: (stem: string, channel: string) => `${stem}ch:${channel}:counts` },
  /** Hash: channel → user id, for every channel a socket is registered in. */
  socketChannels: { params: ['stem', 'socketId'], key: (stem: string, socketId: string) => `${stem}socket:${socketId}` },
  /** Hash: channel → number of the user's sockets in it. */
  userChannels: { params: ['stem', 'userId'], key: (stem: string, userId: string) => `${stem}user:${userId}` },
  /** Sorted set: channel → oldest refresh (ms) among its entries; the sweeper's index. */
  activeChannels: { params: ['stem'], key: (stem: string) => `${stem}channels` },
} satisfies Record<string, { params: string[]; key: KeyFunction }>;

/** Key functions bound to one app's stem, for TypeScript callers (tests, tools). */
export function membershipKeys(keys: RedisKeys, appId: string) {
  const stem = membershipStem(keys, appId);
  const l = membershipKeyLayout;
  return {
    stem,
    channelUsers: (channel: string) => l.channelUsers.key(stem, channel),
    channelUserSockets: (channel: string, userId: string) => l.channelUserSockets.key(stem, channel, userId),
    channelSeen: (channel: string) => l.channelSeen.key(stem, channel),
    channelCounts: (channel: string) => l.channelCounts.key(stem, channel),
    socketChannels: (socketId: string) => l.socketChannels.key(stem, socketId),
    userChannels: (userId: string) => l.userChannels.key(stem, userId),
    activeChannels: () => l.activeChannels.key(stem),
  };
}

/**
 * Lua source defining one `local function <name>(<params>)` per layout entry, e.g.
 * `local function channelUsers(stem, channel) return stem .. 'ch:' .. channel .. ':users' end`.
 */
export function membershipLuaKeyFunctions(): string {
  return Object.entries(membershipKeyLayout)
    .map(([name, { params, key }]) => {
      // A parameter comes back as NUL, SOH, its index, NUL; everything else is literal text.
      const marks = params.map((_, index) => `\u0000\u0001${index}\u0000`);
      const pieces = key(...(marks as [string, string, string]))
        .split('\u0000')
        .filter((piece) => piece.length > 0)
        .map((piece) => (piece.startsWith('\u0001') ? params[Number(piece.slice(1))] : `'${piece.replace(/[\\']/g, '\\$&')}'`));
      return `local function ${name}(${params.join(', ')}) return ${pieces.join(' .. ')} end`;
    })
    .join('\n');
}
