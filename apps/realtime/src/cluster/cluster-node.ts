import type Redis from 'ioredis';
import { realtimeConnectionsKey, realtimeNodeAppsKey, realtimeNodeSequenceKey, realtimeNodesKey, type RedisKeys } from '@app/redis';
import type { NodeIdentity } from './node-identity';

// KEYS: app connections hash. ARGV: node id, limit (0 = none). Returns the cluster total, or -1 when over the limit.
const OPEN = `
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
local total = 0
for _, count in ipairs(redis.call('HVALS', KEYS[1])) do total = total + tonumber(count) end
local limit = tonumber(ARGV[2])
if limit > 0 and total > limit then
  redis.call('HINCRBY', KEYS[1], ARGV[1], -1)
  return -1
end
return total
`;

interface ClusterCommands {
  connectionOpen(key: string, nodeId: number, limit: number): Promise<number>;
}

/**
 * This node's membership of the cluster in Redis: its id, a heartbeat (`realtimeNodesKey`), the apps it
 * holds state for, and its live connection count per app (`realtimeConnectionsKey`, also the basis of
 * the cluster-wide connection quota).
 */
export class ClusterNode {
  private readonly redis: Redis & ClusterCommands;
  private readonly trackedApps = new Set<string>();
  private readonly reportedApps = new Set<string>();

  constructor(
    redis: Redis,
    private readonly keys: RedisKeys,
    private readonly identity: NodeIdentity,
  ) {
    redis.defineCommand('connectionOpen', { numberOfKeys: 1, lua: OPEN });
    this.redis = redis as Redis & ClusterCommands;
  }

  get id(): number {
    return this.identity.id;
  }

  /** Takes the configured id or a fresh one from the cluster's counter, and announces the node. */
  async join(configuredId?: number): Promise<void> {
    const id = configuredId ?? (await this.redis.incr(realtimeNodeSequenceKey(this.keys)));
    this.identity.assign(id);
    await this.redis.zadd(realtimeNodesKey(this.keys), Date.now(), String(id));
  }

  /** Records that this node holds state of the app (once per app), so a reaper can find it. */
  async trackApp(appId: string): Promise<void> {
    if (this.trackedApps.has(appId)) return;
    await this.redis.sadd(realtimeNodeAppsKey(this.keys, this.id), appId);
    this.trackedApps.add(appId);
  }

  /** Counts a new connection; false (and not counted) when the app is over `limit` cluster-wide. */
  async connectionOpened(appId: string, limit: number | null): Promise<boolean> {
    await this.trackApp(appId);
    this.reportedApps.add(appId);
    return (await this.redis.connectionOpen(realtimeConnectionsKey(this.keys, appId), this.id, limit ?? 0)) >= 0;
  }

  async connectionClosed(appId: string): Promise<void> {
    await this.redis.hincrby(realtimeConnectionsKey(this.keys, appId), String(this.id), -1);
  }

  /**
   * Refreshes the heartbeat and rewrites this node's exact connection counts (correcting any drift).
   * Resolves to true when the node had been declared dead meanwhile (its state reaped by another node).
   */
  async heartbeat(countsByApp: Map<string, number>): Promise<boolean> {
    const pipeline = this.redis.pipeline();
    pipeline.zadd(realtimeNodesKey(this.keys), Date.now(), String(this.id));
    for (const appId of this.reportedApps) {
      const count = countsByApp.get(appId) ?? 0;
      if (count > 0) pipeline.hset(realtimeConnectionsKey(this.keys, appId), String(this.id), count);
      else {
        pipeline.hdel(realtimeConnectionsKey(this.keys, appId), String(this.id));
        this.reportedApps.delete(appId);
      }
    }
    for (const [appId, count] of countsByApp) {
      if (!this.reportedApps.has(appId) && count > 0) {
        pipeline.hset(realtimeConnectionsKey(this.keys, appId), String(this.id), count);
        this.reportedApps.add(appId);
      }
    }
    const results = await pipeline.exec();
    const reaped = results?.[0]?.[1] === 1;
    if (reaped) this.trackedApps.clear();
    return reaped;
  }

  /** Node ids whose last heartbeat is older than `timeoutMs`. */
  async deadNodes(timeoutMs: number): Promise<number[]> {
    const ids = await this.redis.zrangebyscore(realtimeNodesKey(this.keys), 0, Date.now() - timeoutMs);
    return ids.map(Number).filter((id) => id !== this.id);
  }

  /** Leaves the cluster after this node released its sockets' state. */
  async leave(): Promise<void> {
    const pipeline = this.redis.pipeline();
    for (const appId of this.trackedApps) pipeline.hdel(realtimeConnectionsKey(this.keys, appId), String(this.id));
    pipeline.zrem(realtimeNodesKey(this.keys), String(this.id));
    pipeline.del(realtimeNodeAppsKey(this.keys, this.id));
    await pipeline.exec();
  }
}
