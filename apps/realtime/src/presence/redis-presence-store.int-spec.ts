import { RedisKeys } from '@app/redis';
import Redis from 'ioredis';
import { createTestRedis, type TestRedis } from '../../../../test/support';
import { RedisPresenceStore } from './redis-presence-store';

describe('RedisPresenceStore', () => {
  let redis: TestRedis;
  let connection: Redis;
  let store: RedisPresenceStore;

  beforeAll(async () => {
    redis = await createTestRedis();
    connection = new Redis(redis.url);
    store = new RedisPresenceStore(connection, new RedisKeys(redis.prefix));
  });

  afterAll(async () => {
    connection.disconnect();
    await redis.cleanup();
  });

  it('adds a user with its first socket and removes it with its last, across nodes', async () => {
    const first = await store.join('a', 'presence-x', '1.1', 'u1', '{"n":1}', 0);
    expect(first.status).toBe('added');
    expect([...first.members]).toEqual([['u1', '{"n":1}']]);
    await expect(store.join('a', 'presence-x', '2.1', 'u1', '{"n":2}', 0)).resolves.toMatchObject({ status: 'existing' });
    await expect(store.join('a', 'presence-x', '1.1', 'u1', '{"n":1}', 0)).resolves.toMatchObject({ status: 'existing' });
    await expect(store.join('a', 'presence-x', '2.2', 'u2', 'null', 0)).resolves.toMatchObject({ status: 'added' });
    await expect(store.userCount('a', 'presence-x')).resolves.toBe(2);

    await expect(store.leave('a', 'presence-x', '1.1')).resolves.toBeNull();
    await expect(store.leave('a', 'presence-x', '1.1')).resolves.toBeNull();
    await expect(store.leave('a', 'presence-x', '2.1')).resolves.toBe('u1');
    await expect(store.userIds('a', 'presence-x')).resolves.toEqual(['u2']);
  });

  it('refuses a new user at the member limit but lets a present user in', async () => {
    await store.join('a', 'presence-cap', '1.1', 'u1', 'null', 2);
    await store.join('a', 'presence-cap', '1.2', 'u2', 'null', 2);
    await expect(store.join('a', 'presence-cap', '1.3', 'u3', 'null', 2)).resolves.toEqual({ status: 'full', members: new Map() });
    await expect(store.join('a', 'presence-cap', '1.4', 'u1', 'null', 2)).resolves.toMatchObject({ status: 'existing' });
    await expect(store.userCount('a', 'presence-cap')).resolves.toBe(2);
    // the refused socket left nothing behind: it can join once there is room
    await store.leave('a', 'presence-cap', '1.2');
    await expect(store.join('a', 'presence-cap', '1.3', 'u3', 'null', 2)).resolves.toMatchObject({ status: 'added' });
  });

  it('reaps what a dead node held, reporting only users that had no socket elsewhere', async () => {
    await store.join('b', 'presence-r', '7.1', 'solo', 'null', 0);
    await store.join('b', 'presence-r', '7.2', 'shared', 'null', 0);
    await store.join('b', 'presence-r', '8.1', 'shared', 'null', 0);
    await store.join('b', 'presence-s', '7.3', 'solo', 'null', 0);
    const departures = await store.reapNode('b', 7);
    expect(departures.sort((x, y) => x.channel.localeCompare(y.channel))).toEqual([
      { channel: 'presence-r', userId: 'solo' },
      { channel: 'presence-s', userId: 'solo' },
    ]);
    await expect(store.userIds('b', 'presence-r')).resolves.toEqual(['shared']);
    await expect(store.reapNode('b', 7)).resolves.toEqual([]);
    await expect(store.leave('b', 'presence-r', '8.1')).resolves.toBe('shared');
  });
});
