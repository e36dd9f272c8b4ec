import { realtimeConnectionsKey, realtimeNodesKey, RedisKeys } from '@app/redis';
import Redis from 'ioredis';
import { createTestRedis, type TestRedis } from '../../../../test/support';
import { ClusterNode } from './cluster-node';
import { NodeIdentity } from './node-identity';

describe('ClusterNode', () => {
  let redis: TestRedis;
  let connection: Redis;
  let keys: RedisKeys;
  const node = () => new ClusterNode(connection, keys, new NodeIdentity());

  beforeAll(async () => {
    redis = await createTestRedis();
    connection = new Redis(redis.url);
    keys = new RedisKeys(redis.prefix);
  });

  afterAll(async () => {
    connection.disconnect();
    await redis.cleanup();
  });

  it('gives each node its own id and announces it', async () => {
    const [a, b] = [node(), node()];
    await a.join();
    await b.join();
    expect(a.id).not.toBe(b.id);
    await expect(connection.zscore(realtimeNodesKey(keys), String(a.id))).resolves.not.toBeNull();
    await a.leave();
    await b.leave();
  });

  it('enforces an app connection limit across nodes and reports per-node counts', async () => {
    const [a, b] = [node(), node()];
    await a.join();
    await b.join();
    await expect(a.connectionOpened('quota', 2)).resolves.toBe(true);
    await expect(b.connectionOpened('quota', 2)).resolves.toBe(true);
    await expect(b.connectionOpened('quota', 2)).resolves.toBe(false);
    await a.connectionClosed('quota');
    await expect(b.connectionOpened('quota', 2)).resolves.toBe(true);
    await expect(connection.hgetall(realtimeConnectionsKey(keys, 'quota'))).resolves.toEqual({ [String(a.id)]: '0', [String(b.id)]: '2' });
    await expect(a.connectionOpened('free', null)).resolves.toBe(true);
    await a.heartbeat(new Map([['free', 5]]));
    await expect(connection.hget(realtimeConnectionsKey(keys, 'free'), String(a.id))).resolves.toBe('5');
  });

  it('tells a node that the cluster declared it dead', async () => {
    const [a, b] = [node(), node()];
    await a.join();
    await b.join();
    await expect(b.deadNodes(60_000)).resolves.not.toContain(a.id);
    await expect(a.heartbeat(new Map())).resolves.toBe(false);
    await connection.zrem(realtimeNodesKey(keys), String(a.id));
    await expect(a.heartbeat(new Map())).resolves.toBe(true);
    await expect(b.deadNodes(0)).resolves.toContain(a.id);
    await expect(b.deadNodes(0)).resolves.not.toContain(b.id);
  });
});
