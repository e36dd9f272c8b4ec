import { RedisKeys } from '@app/redis';
import Redis from 'ioredis';
import { createTestRedis, type TestRedis } from '../../../../test/support';
import { RedisOnlineUsers } from './redis-online-users';

describe('RedisOnlineUsers', () => {
  let redis: TestRedis;
  let connection: Redis;
  let users: RedisOnlineUsers;

  beforeAll(async () => {
    redis = await createTestRedis();
    connection = new Redis(redis.url);
    users = new RedisOnlineUsers(connection, new RedisKeys(redis.prefix));
  });

  afterAll(async () => {
    connection.disconnect();
    await redis.cleanup();
  });

  it('reports online with the first socket on any node and offline with the last', async () => {
    await expect(users.signedIn('a', 1, 'u1')).resolves.toBe(true);
    await expect(users.signedIn('a', 2, 'u1')).resolves.toBe(false);
    await expect(users.signedIn('a', 1, 'u1')).resolves.toBe(false);
    await expect(users.online('a', ['u2', 'u1'])).resolves.toEqual(['u1']);
    await expect(users.online('b', ['u1'])).resolves.toEqual([]);

    await expect(users.signedOut('a', 1, 'u1')).resolves.toBe(false);
    await expect(users.signedOut('a', 2, 'u1')).resolves.toBe(false);
    await expect(users.signedOut('a', 1, 'u1')).resolves.toBe(true);
    await expect(users.online('a', ['u1'])).resolves.toEqual([]);
  });

  it('ignores a sign-out the node does not hold', async () => {
    await users.signedIn('a', 1, 'u3');
    await expect(users.signedOut('a', 2, 'u3')).resolves.toBe(false);
    await expect(users.online('a', ['u3'])).resolves.toEqual(['u3']);
  });

  it('reaps a dead node: its users with no other socket go offline, and its later sign-outs change nothing', async () => {
    await users.signedIn('r', 7, 'only-here');
    await users.signedIn('r', 7, 'only-here');
    await users.signedIn('r', 7, 'also-elsewhere');
    await users.signedIn('r', 8, 'also-elsewhere');

    await expect(users.reapNode('r', 7)).resolves.toEqual(['only-here']);
    await expect(users.online('r', ['only-here', 'also-elsewhere'])).resolves.toEqual(['also-elsewhere']);
    await expect(users.signedOut('r', 7, 'also-elsewhere')).resolves.toBe(false);
    await expect(users.reapNode('r', 7)).resolves.toEqual([]);
    await expect(users.signedOut('r', 8, 'also-elsewhere')).resolves.toBe(true);
  });
});
