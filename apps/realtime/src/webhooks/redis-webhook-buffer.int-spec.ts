import { RedisKeys } from '@app/redis';
import Redis from 'ioredis';
import { createTestRedis, type TestRedis } from '../../../../test/support';
import { PendingWebhookEvent, RedisWebhookBuffer } from './redis-webhook-buffer';

const event = (i: number): PendingWebhookEvent => ({ t: 1000 + i, e: { name: 'channel_occupied', channel: `c${i}` } });

describe('RedisWebhookBuffer', () => {
  let redis: TestRedis;
  let connection: Redis;
  let buffer: RedisWebhookBuffer;

  beforeAll(async () => {
    redis = await createTestRedis();
    connection = new Redis(redis.url);
    buffer = new RedisWebhookBuffer(connection, new RedisKeys(redis.prefix));
  });

  afterAll(async () => {
    connection.disconnect();
    await redis.cleanup();
  });

  it('hands out pending events oldest first, each to one claim, and resumes a claim that was not released', async () => {
    await buffer.append('a', [0, 1, 2, 3, 4].map(event));
    const first = await buffer.claim('a', 'flush-1', 2);
    const second = await buffer.claim('a', 'flush-2', 10);
    expect(first.map((entry) => entry.e.channel)).toEqual(['c0', 'c1']);
    expect(second.map((entry) => entry.e.channel)).toEqual(['c2', 'c3', 'c4']);

    // flush-1 crashed before releasing: its retry gets the same events again.
    await buffer.append('a', [event(5)]);
    await expect(buffer.claim('a', 'flush-1', 10)).resolves.toEqual(first);
    await buffer.release('a', 'flush-1');
    await expect(buffer.claim('a', 'flush-1', 10)).resolves.toEqual([event(5)]);
    await buffer.release('a', 'flush-1');
    await buffer.release('a', 'flush-2');
    await expect(buffer.claim('a', 'flush-3', 10)).resolves.toEqual([]);
  });

  it('keeps apps apart', async () => {
    await buffer.append('b', [event(1)]);
    await expect(buffer.claim('c', 'flush-1', 10)).resolves.toEqual([]);
    await expect(buffer.claim('b', 'flush-1', 10)).resolves.toEqual([event(1)]);
  });
});
