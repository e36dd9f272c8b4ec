import type Redis from 'ioredis';
import {
  realtimeNodePresenceKey,
  realtimePresenceRefsKey,
  realtimePresenceSocketsKey,
  realtimePresenceUsersKey,
  type RedisKeys,
} from '@app/redis';
import { NodeIdentity } from '../cluster/node-identity';
import { PresenceDeparture, PresenceJoin, PresenceStore } from './presence-store';

// KEYS: users, refs, sockets, node entries. ARGV: socketId, userId, userInfo, maxMembers, node entry.
// Returns {status, flat members}: status 1 added, 0 existing (or same socket again), -1 full.
const JOIN = `
if redis.call('HSETNX', KEYS[3], ARGV[1], ARGV[2]) == 0 then return {0, redis.call('HGETALL', KEYS[1])} end
local known = redis.call('HEXISTS', KEYS[1], ARGV[2])
local max = tonumber(ARGV[4])
if known == 0 and max > 0 and redis.call('HLEN', KEYS[1]) >= max then
  redis.call('HDEL', KEYS[3], ARGV[1])
  return {-1, {}}
end
redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
redis.call('SADD', KEYS[4], ARGV[5])
if known == 0 then
  redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
  return {1, redis.call('HGETALL', KEYS[1])}
end
return {0, redis.call('HGETALL', KEYS[1])}
`;

// KEYS: users, refs, sockets, node entries. ARGV: socketId, node entry. Returns the user id if it left, else nil.
const LEAVE = `
local user = redis.call('HGET', KEYS[3], ARGV[1])
redis.call('SREM', KEYS[4], ARGV[2])
if not user then return false end
redis.call('HDEL', KEYS[3], ARGV[1])
if redis.call('HINCRBY', KEYS[2], user, -1) <= 0 then
  redis.call('HDEL', KEYS[2], user)
  redis.call('HDEL', KEYS[1], user)
  return user
end
return false
`;

interface PresenceCommands {
  presenceJoin(...args: (string | number)[]): Promise<[number, string[]]>;
  presenceLeave(...args: string[]): Promise<string | null>;
}

/** PresenceStore in Redis hashes per channel, changed only by Lua scripts so each change is atomic. */
export class RedisPresenceStore extends PresenceStore {
  private readonly redis: Redis & PresenceCommands;

  constructor(
    redis: Redis,
    private readonly keys: RedisKeys,
  ) {
    super();
    redis.defineCommand('presenceJoin', { numberOfKeys: 4, lua: JOIN });
    redis.defineCommand('presenceLeave', { numberOfKeys: 4, lua: LEAVE });
    this.redis = redis as Redis & PresenceCommands;
  }

  async join(
    appId: string,
    channel: string,
    socketId: string,
    userId: string,
    userInfo: string,
    maxMembers: number,
  ): Promise<PresenceJoin> {
    const [code, flat] = await this.redis.presenceJoin(
      ...this.channelKeys(appId, channel, Number(NodeIdentity.nodeOf(socketId))),
      socketId,
      userId,
      userInfo,
      maxMembers,
      `${channel}\n${socketId}`,
    );
    const members = new Map<string, string>();
    for (let i = 0; i + 1 < flat.length; i += 2) members.set(flat[i], flat[i + 1]);
    return { status: code === 1 ? 'added' : code === -1 ? 'full' : 'existing', members };
  }

  leave(appId: string, channel: string, socketId: string): Promise<string | null> {
    return this.redis.presenceLeave(
      ...this.channelKeys(appId, channel, Number(NodeIdentity.nodeOf(socketId))),
      socketId,
      `${channel}\n${socketId}`,
    );
  }

  userIds(appId: string, channel: string): Promise<string[]> {
    return this.redis.hkeys(realtimePresenceUsersKey(this.keys, appId, channel));
  }

  userCount(appId: string, channel: string): Promise<number> {
    return this.redis.hlen(realtimePresenceUsersKey(this.keys, appId, channel));
  }

  async reapNode(appId: string, nodeId: number): Promise<PresenceDeparture[]> {
    const entriesKey = realtimeNodePresenceKey(this.keys, appId, nodeId);
    const entries = await this.redis.smembers(entriesKey);
    const departures: PresenceDeparture[] = [];
    for (const entry of entries) {
      const split = entry.lastIndexOf('\n');
      const channel = entry.slice(0, split);
      const userId = await this.leave(appId, channel, entry.slice(split + 1));
      if (userId !== null) departures.push({ channel, userId });
    }
    await this.redis.del(entriesKey);
    return departures;
  }

  private channelKeys(appId: string, channel: string, nodeId: number): [string, string, string, string] {
    return [
      realtimePresenceUsersKey(this.keys, appId, channel),
      realtimePresenceRefsKey(this.keys, appId, channel),
      realtimePresenceSocketsKey(this.keys, appId, channel),
      realtimeNodePresenceKey(this.keys, appId, nodeId),
    ];
  }
}
