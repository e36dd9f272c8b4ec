import { RedisKeys } from '@app/redis';
import Redis from 'ioredis';
import { createTestRedis, type TestRedis } from '../../../../test/support';
import { RedisChannelOccupancy } from './redis-channel-occupancy';

describe('RedisChannelOccupancy', () => {
  let redis: TestRedis;
  let connection: Redis;
  let occupancy: RedisChannelOccupancy;

  beforeAll(async () => {
    redis = await createTestRedis();
    connection = new Redis(redis.url);
    occupancy = new RedisChannelOccupancy(connection, new RedisKeys(redis.prefix));
  });

  afterAll(async () => {
    connection.disconnect();
    await redis.cleanup();
  });

  it('counts subscriptions across nodes and forgets channels that empty', async () => {
    await expect(occupancy.change('a', 'c', 1, 1)).resolves.toBe(1);
    await expect(occupancy.change('a', 'c', 2, 1)).resolves.toBe(2);
    await expect(occupancy.change('a', 'd', 2, 1)).resolves.toBe(1);
    await expect(occupancy.all('a')).resolves.toEqual(
      new Map([
        ['c', 2],
        ['d', 1],
      ]),
    );
    await expect(occupancy.change('a', 'd', 2, -1)).resolves.toBe(0);
    await expect(occupancy.count('a', 'd')).resolves.toBe(0);
    await expect(occupancy.all('a')).resolves.toEqual(new Map([['c', 2]]));
  });

  it("takes back a dead node's share and reports the new counts", async () => {
    await occupancy.change('b', 'kept', 1, 1);
    await occupancy.change('b', 'kept', 2, 1);
    await occupancy.change('b', 'kept', 2, 1);
    await occupancy.change('b', 'gone', 2, 1);
    const changes = await occupancy.reapNode('b', 2);
    expect(changes.sort((x, y) => x.channel.localeCompare(y.channel))).toEqual([
      { channel: 'gone', count: 0 },
      { channel: 'kept', count: 1 },
    ]);
    await expect(occupancy.all('b')).resolves.toEqual(new Map([['kept', 1]]));
    await expect(occupancy.reapNode('b', 2)).resolves.toEqual([]);
  });
});
