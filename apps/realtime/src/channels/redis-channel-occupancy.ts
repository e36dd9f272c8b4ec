import type Redis from 'ioredis';
import { realtimeChannelsKey, realtimeNodeChannelsKey, type RedisKeys } from '@app/redis';
import { ChannelOccupancy, OccupancyChange } from './channel-occupancy';

// KEYS: cluster counts, node counts. ARGV: channel, delta. Returns the cluster count.
const CHANGE = `
local node = redis.call('HINCRBY', KEYS[2], ARGV[1], ARGV[2])
if node <= 0 then redis.call('HDEL', KEYS[2], ARGV[1]) end
local total = redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])
if total <= 0 then
  redis.call('HDEL', KEYS[1], ARGV[1])
  return 0
end
return total
`;

// KEYS: cluster counts, node counts. Returns {channel, count, ...} for every channel the node had.
const REAP = `
local shares = redis.call('HGETALL', KEYS[2])
local changes = {}
for i = 1, #shares, 2 do
  local total = redis.call('HINCRBY', KEYS[1], shares[i], -tonumber(shares[i + 1]))
  if total <= 0 then
    redis.call('HDEL', KEYS[1], shares[i])
    total = 0
  end
  table.insert(changes, shares[i])
  table.insert(changes, total)
end
redis.call('DEL', KEYS[2])
return changes
`;

interface OccupancyCommands {
  occupancyChange(...args: (string | number)[]): Promise<number>;
  occupancyReap(...args: string[]): Promise<(string | number)[]>;
}

/** ChannelOccupancy in two Redis hashes per app (cluster totals, per-node shares), changed by Lua. */
export class RedisChannelOccupancy extends ChannelOccupancy {
  private readonly redis: Redis & OccupancyCommands;

  constructor(
    redis: Redis,
    private readonly keys: RedisKeys,
  ) {
    super();
    redis.defineCommand('occupancyChange', { numberOfKeys: 2, lua: CHANGE });
    redis.defineCommand('occupancyReap', { numberOfKeys: 2, lua: REAP });
    this.redis = redis as Redis & OccupancyCommands;
  }

  change(appId: string, channel: string, nodeId: number, delta: number): Promise<number> {
    return this.redis.occupancyChange(
      realtimeChannelsKey(this.keys, appId),
      realtimeNodeChannelsKey(this.keys, appId, nodeId),
      channel,
      delta,
    );
  }

  async count(appId: string, channel: string): Promise<number> {
    return Number((await this.redis.hget(realtimeChannelsKey(this.keys, appId), channel)) ?? 0);
  }

  async all(appId: string): Promise<Map<string, number>> {
    const hash = await this.redis.hgetall(realtimeChannelsKey(this.keys, appId));
    const counts = new Map<string, number>();
    for (const [channel, count] of Object.entries(hash)) if (Number(count) > 0) counts.set(channel, Number(count));
    return counts;
  }

  async reapNode(appId: string, nodeId: number): Promise<OccupancyChange[]> {
    const flat = await this.redis.occupancyReap(realtimeChannelsKey(this.keys, appId), realtimeNodeChannelsKey(this.keys, appId, nodeId));
    const changes: OccupancyChange[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) changes.push({ channel: String(flat[i]), count: Number(flat[i + 1]) });
    return changes;
  }
}
