import { once } from 'node:events';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@app/config';
import { PLATFORMS, Platform } from '@app/contracts';
import { createRedisConnection, membershipKeys, RedisClient, RedisKeys } from '@app/redis';
import type Redis from 'ioredis';
import { createTestRedis } from '../../../../../test/support';
import { RedisMembershipRepository, withMembershipScripts } from './redis-membership.repository';

const TTL_SECONDS = 120;
const TTL = TTL_SECONDS * 1000;
const T0 = 1_763_800_000_000;

describe('RedisMembershipRepository', () => {
  let redis: Redis;
  let keys: RedisKeys;
  let repository: RedisMembershipRepository;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const testRedis = await createTestRedis();
    cleanup = testRedis.cleanup;
    redis = createRedisConnection(testRedis.url, 'membership-int-spec');
    if (redis.status !== 'ready') await once(redis, 'ready');
    keys = new RedisKeys(testRedis.prefix);
    const client: RedisClient = { connection: redis };
    const config = new ConfigService({ api: { membership: { ttlSeconds: TTL_SECONDS, sweepIntervalSeconds: 30 } } });
    repository = new RedisMembershipRepository(client, keys, config as unknown as ConfigService<AppConfig, true>);
  });

  // Removing the keys of the 100,000-member test takes a while on a busy machine.
  afterAll(async () => {
    await redis.quit();
    await cleanup();
  }, 60_000);

  let counter = 0;
  // Each test gets its own app, so user and socket indexes never leak between tests.
  let APP = '';
  beforeEach(() => {
    APP = `app-${++counter}`;
  });
  const channel = () => `presence-room-${++counter}`;
  const sub = (ch: string, socketId: string, userId: string, platform: Platform = 'Web', now = T0) =>
    repository.subscribe(APP, { channel: ch, socketId, userId, platform }, now);

  /** Recomputes every counter and index from the per-user socket hashes and compares. */
  async function expectConsistent(ch: string, now = T0): Promise<void> {
    const k = membershipKeys(keys, APP);
    const users = await redis.zrange(k.channelUsers(ch), 0, -1);
    const counts = await redis.hgetall(k.channelCounts(ch));
    const perPlatform: Record<string, number> = {};
    let sockets = 0;
    for (const userId of users) {
      const entries = await redis.hgetall(k.channelUserSockets(ch, userId));
      expect(Object.keys(entries).length).toBeGreaterThan(0);
      const platforms = new Set(Object.values(entries).map((value) => value.split('|')[0]));
      for (const platform of platforms) perPlatform[platform] = (perPlatform[platform] ?? 0) + 1;
      sockets += Object.keys(entries).length;
      for (const socketId of Object.keys(entries)) {
        await expect(redis.hget(k.socketChannels(socketId), ch)).resolves.toBe(userId);
        await expect(redis.zscore(k.channelSeen(ch), socketId)).resolves.not.toBeNull();
      }
      await expect(redis.hget(k.userChannels(userId), ch)).resolves.toBe(String(Object.keys(entries).length));
    }
    await expect(redis.zcard(k.channelSeen(ch))).resolves.toBe(sockets);
    const page = await repository.listMembers(APP, ch, { limit: 1 }, now);
    expect(page.total).toBe(users.length);
    expect(page.sockets).toBe(sockets);
    for (const platform of PLATFORMS) expect(page.platforms[platform]).toBe(perPlatform[platform] ?? 0);
    if (users.length === 0) await expect(redis.exists(k.channelCounts(ch))).resolves.toBe(0);
    else expect(Number(counts.users)).toBe(users.length);
  }

  it('registers a socket once and refreshes it on repeat, keeping joinedAt', async () => {
    const ch = channel();
    await expect(sub(ch, '1.1', 'alice', 'Web', T0)).resolves.toBe(true);
    await expect(sub(ch, '1.1', 'alice', 'Web', T0 + 5000)).resolves.toBe(false);
    const page = await repository.listMembers(APP, ch, { limit: 10 }, T0 + 5000);
    expect(page.members).toEqual([
      { userId: 'alice', platforms: ['Web'], sockets: [{ socketId: '1.1', platform: 'Web', joinedAt: T0, lastSeenAt: T0 + 5000 }] },
    ]);
    await expectConsistent(ch, T0 + 5000);
  });

  it('counts distinct users overall and per platform', async () => {
    const ch = channel();
    await sub(ch, '1.1', 'alice', 'Web');
    await sub(ch, '1.2', 'alice', 'iOS');
    await sub(ch, '1.3', 'alice', 'Web');
    await sub(ch, '1.4', 'bob', 'Android');
    const page = await repository.listMembers(APP, ch, { limit: 10 }, T0);
    expect(page).toMatchObject({ total: 2, sockets: 4, platforms: { Web: 1, iOS: 1, Android: 1 }, nextCursor: null });
    expect(page.members.map((member) => [member.userId, member.platforms])).toEqual([
      ['alice', ['Web', 'iOS']],
      ['bob', ['Android']],
    ]);
    await expectConsistent(ch);
  });

  it('moves a socket that re-registers with another platform or user', async () => {
    const ch = channel();
    await sub(ch, '1.1', 'alice', 'Web', T0);
    await expect(sub(ch, '1.1', 'alice', 'iOS', T0 + 10)).resolves.toBe(false);
    let page = await repository.listMembers(APP, ch, { limit: 10 }, T0 + 10);
    expect(page.platforms).toEqual({ Web: 0, iOS: 1, Android: 0 });
    expect(page.members[0].sockets[0]).toMatchObject({ platform: 'iOS', joinedAt: T0 });
    await expect(sub(ch, '1.1', 'bob', 'iOS', T0 + 20)).resolves.toBe(true);
    page = await repository.listMembers(APP, ch, { limit: 10 }, T0 + 20);
    expect(page.members.map((member) => member.userId)).toEqual(['bob']);
    await expectConsistent(ch, T0 + 20);
  });

  it('pages through users in id order with a cursor', async () => {
    const ch = channel();
    const ids = Array.from({ length: 25 }, (_, i) => `user-${String(i).padStart(2, '0')}`);
    for (const [i, id] of ids.entries()) await sub(ch, `2.${i}`, id);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pageNo = 0; pageNo < 5; pageNo++) {
      const page = await repository.listMembers(APP, ch, { cursor, limit: 10 }, T0);
      seen.push(...page.members.map((member) => member.userId));
      expect(page.total).toBe(25);
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(ids);
  });

  it('unsubscribes a socket from one channel or all, only for its own user', async () => {
    const [a, b] = [channel(), channel()];
    await sub(a, '3.1', 'alice');
    await sub(b, '3.1', 'alice');
    await sub(a, '3.2', 'bob');
    await expect(repository.unsubscribe(APP, '3.1', { userId: 'mallory' })).resolves.toBe(0);
    await expect(repository.unsubscribe(APP, '3.1', { userId: 'alice', channel: a })).resolves.toBe(1);
    await expect(repository.userChannels(APP, 'alice', T0)).resolves.toEqual({ userId: 'alice', channels: [{ channel: b, sockets: 1 }] });
    await sub(a, '3.1', 'alice');
    await expect(repository.unsubscribe(APP, '3.1')).resolves.toBe(2);
    await expect(repository.userChannels(APP, 'alice', T0)).resolves.toEqual({ userId: 'alice', channels: [] });
    await expectConsistent(a);
    await expectConsistent(b);
  });

  it('drops entries not refreshed within the TTL on read', async () => {
    const ch = channel();
    await sub(ch, '4.1', 'alice', 'Web', T0);
    await sub(ch, '4.2', 'bob', 'iOS', T0);
    await sub(ch, '4.2', 'bob', 'iOS', T0 + TTL);
    const later = T0 + TTL + 1;
    const page = await repository.listMembers(APP, ch, { limit: 10 }, later);
    expect(page).toMatchObject({ total: 1, sockets: 1, platforms: { Web: 0, iOS: 1, Android: 0 } });
    await expect(repository.userChannels(APP, 'alice', later)).resolves.toEqual({ userId: 'alice', channels: [] });
    await expectConsistent(ch, later);
  });

  it('sweeps expired entries of every channel and leaves no keys behind', async () => {
    const [a, b] = [channel(), channel()];
    await sub(a, '5.1', 'alice', 'Web', T0);
    await sub(b, '5.1', 'alice', 'Web', T0);
    await sub(b, '5.2', 'bob', 'Android', T0 + TTL);
    await expect(repository.sweep(T0 + TTL + 1)).resolves.toBeGreaterThanOrEqual(2);
    const k = membershipKeys(keys, APP);
    await expect(
      redis.exists(k.channelUsers(a), k.channelSeen(a), k.channelCounts(a), k.userChannels('alice'), k.socketChannels('5.1')),
    ).resolves.toBe(0);
    await expect(redis.zscore(k.activeChannels(), a)).resolves.toBeNull();
    await expect(redis.zscore(k.activeChannels(), b)).resolves.toBe(String(T0 + TTL));
    await expectConsistent(b, T0 + TTL + 1);
  });

  it('removes a user or a whole channel only for entries older than the webhook', async () => {
    const ch = channel();
    await sub(ch, '6.1', 'alice', 'Web', T0);
    await sub(ch, '6.2', 'alice', 'iOS', T0 + 100);
    await sub(ch, '6.3', 'bob', 'Web', T0);
    await expect(repository.removeUser(APP, ch, 'alice', T0 + 50)).resolves.toBe(1);
    await expectConsistent(ch, T0 + 100);
    await expect(repository.clearChannel(APP, ch, T0 + 50)).resolves.toBe(1);
    await expect(repository.listMembers(APP, ch, { limit: 10 }, T0 + 100)).resolves.toMatchObject({ total: 1, sockets: 1 });
    await expect(repository.clearChannel(APP, ch, T0 + 200)).resolves.toBe(1);
    await expectConsistent(ch, T0 + 200);
  });

  it('keeps every counter right through a bounded run of random operations', async () => {
    const ch = channel();
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 1500; i++) {
      const socketId = `7.${random(40)}`;
      const userId = `u${random(12)}`;
      const roll = random(10);
      if (roll < 6) await sub(ch, socketId, userId, PLATFORMS[random(3)], T0 + i);
      else if (roll < 8) await repository.unsubscribe(APP, socketId, { channel: ch });
      else if (roll < 9) await repository.removeUser(APP, ch, userId, T0 + i - random(200));
      else await repository.clearChannel(APP, ch, T0 + i - 300);
    }
    await expectConsistent(ch, T0 + 1500);
  });

  it('holds 100,000 members in one channel and pages them at O(page)', async () => {
    const ch = channel();
    const total = 100_000;
    const scripted = withMembershipScripts(redis);
    const k = membershipKeys(keys, APP);
    for (let start = 0; start < total; start += 5000) {
      const pipeline = scripted.pipeline() as unknown as { pmMembershipSubscribe(...args: string[]): void; exec(): Promise<unknown> };
      for (let i = start; i < start + 5000; i++) {
        const userId = `member-${String(i).padStart(6, '0')}`;
        pipeline.pmMembershipSubscribe(k.activeChannels(), k.stem, ch, `9.${i}`, userId, PLATFORMS[i % 3], String(T0));
      }
      await pipeline.exec();
    }
    const first = await repository.listMembers(APP, ch, { limit: 100 }, T0);
    expect(first).toMatchObject({ total, sockets: total, platforms: { Web: 33_334, iOS: 33_333, Android: 33_333 } });
    let count = 0;
    let previous = '';
    let cursor: string | undefined;
    for (let pageNo = 0; pageNo < 200; pageNo++) {
      const page = await repository.listMembers(APP, ch, { cursor, limit: 1000 }, T0);
      for (const member of page.members) {
        if (member.userId <= previous) throw new Error(`out of order: ${member.userId} after ${previous}`);
        previous = member.userId;
      }
      count += page.members.length;
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    expect(count).toBe(total);
    await expect(repository.unsubscribe(APP, '9.500', { channel: ch })).resolves.toBe(1);
    await expect(repository.listMembers(APP, ch, { cursor: 'member-000499', limit: 2 }, T0)).resolves.toMatchObject({
      total: total - 1,
      platforms: { Web: 33_334, iOS: 33_333, Android: 33_332 },
      members: [{ userId: 'member-000501' }, { userId: 'member-000502' }],
    });
  }, 60_000);
});
