import type Redis from 'ioredis';
import { realtimeNodeOnlineUsersKey, realtimeOnlineUsersKey, type RedisKeys } from '@app/redis';
import { OnlineUsers } from './online-users';

// KEYS: cluster counts, node counts. ARGV: user id. Returns the user's cluster-wide count after the sign-in.
const SIGN_IN = `
redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
return redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
`;

// KEYS: cluster counts, node counts. ARGV: user id. Returns 1 when the user went offline, else 0.
// A socket this node no longer counts (its share was reaped) changes nothing.
const SIGN_OUT = `
local mine = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if mine <= 0 then return 0 end
if mine == 1 then redis.call('HDEL', KEYS[2], ARGV[1]) else redis.call('HINCRBY', KEYS[2], ARGV[1], -1) end
if redis.call('HINCRBY', KEYS[1], ARGV[1], -1) <= 0 then
  redis.call('HDEL', KEYS[1], ARGV[1])
  return 1
end
return 0
`;

// KEYS: cluster counts, node counts. Takes the node's whole share back; returns the users that went offline.
const REAP = `
local entries = redis.call('HGETALL', KEYS[2])
local offline = {}
for i = 1, #entries, 2 do
  if redis.call('HINCRBY', KEYS[1], entries[i], -tonumber(entries[i + 1])) <= 0 then
    redis.call('HDEL', KEYS[1], entries[i])
    offline[#offline + 1] = entries[i]
  end
end
redis.call('DEL', KEYS[2])
return offline
`;

interface OnlineCommands {
  onlineSignIn(online: string, node: string, userId: string): Promise<number>;
  onlineSignOut(online: string, node: string, userId: string): Promise<number>;
  onlineReap(online: string, node: string): Promise<string[]>;
}

/** OnlineUsers as a per-app hash of counts plus each node's share, changed only by Lua scripts (atomic). */
export class RedisOnlineUsers extends OnlineUsers {
  private readonly redis: Redis & OnlineCommands;

  constructor(
    redis: Redis,
    private readonly keys: RedisKeys,
  ) {
    super();
    redis.defineCommand('onlineSignIn', { numberOfKeys: 2, lua: SIGN_IN });
    redis.defineCommand('onlineSignOut', { numberOfKeys: 2, lua: SIGN_OUT });
    redis.defineCommand('onlineReap', { numberOfKeys: 2, lua: REAP });
    this.redis = redis as Redis & OnlineCommands;
  }

  async signedIn(appId: string, nodeId: number, userId: string): Promise<boolean> {
    return (await this.redis.onlineSignIn(...this.keysOf(appId, nodeId), userId)) === 1;
  }

  async signedOut(appId: string, nodeId: number, userId: string): Promise<boolean> {
    return (await this.redis.onlineSignOut(...this.keysOf(appId, nodeId), userId)) === 1;
  }

  async online(appId: string, userIds: readonly string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const counts = await this.redis.hmget(realtimeOnlineUsersKey(this.keys, appId), ...userIds);
    return userIds.filter((_, i) => counts[i] !== null);
  }

  reapNode(appId: string, nodeId: number): Promise<string[]> {
    return this.redis.onlineReap(...this.keysOf(appId, nodeId));
  }

  private keysOf(appId: string, nodeId: number): [string, string] {
    return [realtimeOnlineUsersKey(this.keys, appId), realtimeNodeOnlineUsersKey(this.keys, appId, nodeId)];
  }
}
