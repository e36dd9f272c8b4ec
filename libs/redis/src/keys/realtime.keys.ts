import type { RedisKeys } from '../redis-keys';

/*
 * Keys of the realtime cluster. Per-app state shares the app stem (one Redis Cluster slot per app, so
 * Lua scripts over several of them stay legal); node bookkeeping that spans apps lives under
 * `{prefix}realtime:`.
 */

/** Counter handing out numeric node ids (first half of every socket id). */
export const realtimeNodeSequenceKey = (keys: RedisKeys): string => `${keys.prefix}realtime:node-seq`;

/** Sorted set: node id → time (ms) of its last heartbeat. Nodes older than the timeout are dead. */
export const realtimeNodesKey = (keys: RedisKeys): string => `${keys.prefix}realtime:nodes`;

/** Set of app ids a node has state for (so a reaper knows where to look). */
export const realtimeNodeAppsKey = (keys: RedisKeys, nodeId: number): string => `${keys.prefix}realtime:node:${nodeId}:apps`;

/** Short lock so one node reaps a dead one. */
export const realtimeReapLockKey = (keys: RedisKeys, nodeId: number): string => `${keys.prefix}realtime:node:${nodeId}:reaping`;

/** Pub/sub channel carrying broadcasts and control messages between nodes. */
export const realtimeBusKey = (keys: RedisKeys): string => `${keys.prefix}realtime:bus`;

/**
 * Hash: node id → live WebSocket connections of the app on that node, refreshed on every connect,
 * disconnect and heartbeat; a dead node's field is removed by the reaper. The cluster-wide total is
 * the sum of the values (`HVALS`), counting only fields whose node is in `realtimeNodesKey`.
 */
export const realtimeConnectionsKey = (keys: RedisKeys, appId: string): string => `${keys.app(appId)}connections`;

/** Hash: channel → subscribed sockets cluster-wide (only occupied channels have a field). */
export const realtimeChannelsKey = (keys: RedisKeys, appId: string): string => `${keys.app(appId)}channels`;

/** Hash: channel → this node's share of `realtimeChannelsKey`, so a dead node's share can be taken back. */
export const realtimeNodeChannelsKey = (keys: RedisKeys, appId: string, nodeId: number): string =>
  `${keys.app(appId)}node:${nodeId}:channels`;

/** Hash: user id → user_info JSON of one presence channel's members. */
export const realtimePresenceUsersKey = (keys: RedisKeys, appId: string, channel: string): string =>
  `${keys.app(appId)}presence:${channel}:users`;

/** Hash: user id → number of sockets of that user in the presence channel (any node). */
export const realtimePresenceRefsKey = (keys: RedisKeys, appId: string, channel: string): string =>
  `${keys.app(appId)}presence:${channel}:refs`;

/** Hash: socket id → user id for one presence channel. */
export const realtimePresenceSocketsKey = (keys: RedisKeys, appId: string, channel: string): string =>
  `${keys.app(appId)}presence:${channel}:sockets`;

/** Set of `channel\nsocketId` presence entries a node holds for an app (reaped when it dies). */
export const realtimeNodePresenceKey = (keys: RedisKeys, appId: string, nodeId: number): string =>
  `${keys.app(appId)}node:${nodeId}:presence`;

/** String: the last event of a cache channel as `event\ndata`, with the cache TTL. */
export const realtimeCacheKey = (keys: RedisKeys, appId: string, channel: string): string => `${keys.app(appId)}cache:${channel}`;

/** Hash: user id → sockets signed in as that user cluster-wide (a user is online while it has a field). */
export const realtimeOnlineUsersKey = (keys: RedisKeys, appId: string): string => `${keys.app(appId)}online-users`;

/** Hash: user id → this node's share of `realtimeOnlineUsersKey`, so a dead node's share can be taken back. */
export const realtimeNodeOnlineUsersKey = (keys: RedisKeys, appId: string, nodeId: number): string =>
  `${keys.app(appId)}node:${nodeId}:online-users`;
