import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@app/config';
import { realtimeConnectionsKey, realtimeNodesKey, RedisClient, RedisKeys } from '@app/redis';

/**
 * Live WebSocket connections per app, from the counters realtime nodes keep in Redis: the sum of
 * each app's per-node counts over the nodes whose heartbeat is fresh (a dead node's stale count is
 * ignored even before it is reaped). One round trip whatever the number of apps.
 */
@Injectable()
export class LiveConnectionsReader {
  private readonly nodeTimeoutMs: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    config: ConfigService<AppConfig, true>,
  ) {
    this.nodeTimeoutMs = config.getOrThrow('realtime', { infer: true }).nodeTimeoutMs;
  }

  async perApp(appIds: string[]): Promise<Record<string, number>> {
    const pipeline = this.redis.connection.pipeline();
    pipeline.zrangebyscore(realtimeNodesKey(this.keys), Date.now() - this.nodeTimeoutMs, '+inf');
    for (const appId of appIds) pipeline.hgetall(realtimeConnectionsKey(this.keys, appId));
    const replies = (await pipeline.exec()) ?? [];
    const failed = replies.find(([error]) => error);
    if (failed) throw failed[0] as Error;
    const liveNodes = new Set(replies[0][1] as string[]);
    const counts: Record<string, number> = {};
    appIds.forEach((appId, index) => {
      const perNode = replies[index + 1][1] as Record<string, string>;
      counts[appId] = Object.entries(perNode)
        .filter(([node]) => liveNodes.has(node))
        .reduce((sum, [, count]) => sum + Math.max(Number(count) || 0, 0), 0);
    });
    return counts;
  }
}
