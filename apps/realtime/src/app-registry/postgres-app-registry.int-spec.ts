import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@app/config';
import { AppEntity, dataSourceOptions } from '@app/database';
import { publishAppChanged, RedisKeys } from '@app/redis';
import Redis from 'ioredis';
import { DataSource, Repository } from 'typeorm';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '../../../../test/support';
import type { RealtimeApp } from './realtime-app';
import { PostgresAppRegistry } from './postgres-app-registry';

jest.setTimeout(30_000);

describe('PostgresAppRegistry', () => {
  let database: TestDatabase;
  let redis: TestRedis;
  let dataSource: DataSource;
  let rows: Repository<AppEntity>;
  let publisher: Redis;
  let registry: PostgresAppRegistry;
  const changes: [string, RealtimeApp | undefined][] = [];

  beforeAll(async () => {
    [database, redis] = await Promise.all([createTestDatabase(), createTestRedis()]);
    dataSource = new DataSource(dataSourceOptions(database.url, { poolSize: 2 }));
    await dataSource.initialize();
    rows = dataSource.getRepository(AppEntity);
    publisher = new Redis(redis.url);
    const config = new ConfigService({ realtime: { appsRefreshSeconds: 3600 }, redis: { url: redis.url, keyPrefix: redis.prefix } });
    registry = new PostgresAppRegistry(rows, config as unknown as ConfigService<AppConfig, true>, new RedisKeys(redis.prefix));
    await registry.onModuleInit();
    registry.onChange((app, appId) => changes.push([appId, app]));
  });

  afterEach(() => {
    changes.length = 0;
  });

  afterAll(async () => {
    await registry.onApplicationShutdown();
    publisher.disconnect();
    await dataSource.destroy();
    await Promise.all([redis.cleanup(), database.drop()]);
  });

  it('loads every app at start, by id and by key, without announcing them as changes', () => {
    expect(registry.ready).toBe(true);
    expect(registry.findById('app-id')).toMatchObject({
      id: 'app-id',
      key: 'app-key',
      secret: 'app-secret',
      enabled: true,
      maxEventBytes: 10240,
    });
    expect(registry.findByKey('app-key')).toBe(registry.findById('app-id'));
    expect(registry.findById('nope')).toBeUndefined();
    expect(changes).toEqual([]);
  });

  it('tells listeners about new, changed, re-keyed, disabled and deleted apps, and nothing when a row did not change', async () => {
    await rows.insert({
      id: 'x',
      key: 'x-key',
      secret: 's',
      name: 'x',
      webhooks: [{ url: 'http://127.0.0.1:1/h', events: ['member_added'] }],
    });
    await registry.reloadApp('x');
    expect(changes.map(([id, app]) => [id, app?.key, app?.webhooks])).toEqual([
      ['x', 'x-key', [{ url: 'http://127.0.0.1:1/h', events: ['member_added'] }]],
    ]);

    await registry.reloadApp('x');
    await registry.reloadAll();
    expect(changes).toHaveLength(1);

    await rows.update({ id: 'x' }, { key: 'x-key-2', maxEventBytes: 50 });
    await registry.reloadApp('x');
    expect(registry.findByKey('x-key')).toBeUndefined();
    expect(registry.findByKey('x-key-2')).toMatchObject({ id: 'x', maxEventBytes: 50 });

    await rows.update({ id: 'x' }, { enabled: false });
    await registry.reloadApp('x');
    expect(changes.at(-1)).toEqual(['x', expect.objectContaining({ enabled: false })]);
    expect(registry.findById('x')?.enabled).toBe(false);

    await rows.delete({ id: 'x' });
    await registry.reloadAll();
    expect(changes.at(-1)).toEqual(['x', undefined]);
    expect(registry.findById('x')).toBeUndefined();
    expect(registry.findByKey('x-key-2')).toBeUndefined();
    expect(changes).toHaveLength(4);
  });

  it('reloads an app announced on Redis', async () => {
    await rows.insert({ id: 'y', key: 'y-key', secret: 's', name: 'y' });
    const heard = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no change within 5 s')), 5_000);
      registry.onChange((_app, appId) => {
        clearTimeout(timer);
        resolve(appId);
      });
    });
    await publishAppChanged(publisher, new RedisKeys(redis.prefix), 'y');
    await expect(heard).resolves.toBe('y');
    expect(registry.findByKey('y-key')?.id).toBe('y');
  });
});
