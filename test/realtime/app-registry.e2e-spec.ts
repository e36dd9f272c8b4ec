import Redis from 'ioredis';
import { Client } from 'pg';
import Pusher from 'pusher';
import { publishAppChanged, RedisKeys } from '@app/redis';
import type { RunningApp } from '../support';
import { RealtimeEnv } from './support/realtime-env';
import { WsClient } from './support/ws-client';

jest.setTimeout(60_000);

/** Polls `probe` until it returns `expected` (compared with Object.is), for at most `timeoutMs`. */
async function eventually<T>(probe: () => Promise<T>, expected: T, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await probe();
  while (!Object.is(last, expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    last = await probe();
  }
  return last;
}

describe('realtime: app registry', () => {
  let cluster: RealtimeEnv;
  let notified: RunningApp;
  let refreshing: RunningApp;
  let redis: Redis;
  const open: WsClient[] = [];

  const sql = async (text: string, values: unknown[] = []) => {
    const client = new Client({ connectionString: cluster.database.url });
    await client.connect();
    try {
      await client.query(text, values);
    } finally {
      await client.end();
    }
  };
  const notify = (appId: string) => publishAppChanged(redis, new RedisKeys(cluster.redis.prefix), appId);

  /** Status of a signed GET /channels for the app with these credentials on `node`. */
  const restStatus = async (node: RunningApp, app: { id: string; key: string; secret: string }): Promise<number> => {
    const sdk = new Pusher({ appId: app.id, key: app.key, secret: app.secret, host: '127.0.0.1', port: String(node.port), useTLS: false });
    try {
      return (await sdk.get({ path: '/channels' })).status;
    } catch (error) {
      return (error as { status: number }).status;
    }
  };

  /** What a WebSocket with this key gets first: `established`, or the refusal code. */
  const wsOutcome = async (node: RunningApp, key: string): Promise<string> => {
    const client = await WsClient.open(`${node.url.replace(/^http/, 'ws')}/app/${key}?protocol=7`);
    open.push(client);
    const first = await client.next();
    return first.event === 'pusher:connection_established' ? 'established' : `refused ${String((first.data as { code: number }).code)}`;
  };

  beforeAll(async () => {
    cluster = await RealtimeEnv.create();
    redis = new Redis(cluster.redis.url);
    // One node only hears notifications (its refresh is an hour away), the other only refreshes.
    notified = await cluster.startNode({ REALTIME_APPS_REFRESH_SECONDS: '3600' });
    refreshing = await cluster.startNode({ REALTIME_APPS_REFRESH_SECONDS: '1', REDIS_KEY_PREFIX: `${cluster.redis.prefix}deaf:` });
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((client) => client.close()));
  });

  afterAll(async () => {
    redis.disconnect();
    await cluster.teardown();
  });

  it('reports readiness once the apps are loaded', async () => {
    const response = await fetch(`${notified.url}/health/ready`);
    await expect(response.json()).resolves.toMatchObject({ status: 'ok', info: { apps: { status: 'up' } } });
  });

  it('serves an app inserted and announced at once, without a restart', async () => {
    const app = { id: 'late', key: 'late-key', secret: 'late-secret' };
    await cluster.addApp(app);
    await expect(restStatus(notified, app)).resolves.toBe(404);
    await notify(app.id);
    await expect(eventually(() => restStatus(notified, app), 200, 2_000)).resolves.toBe(200);
    await expect(wsOutcome(notified, app.key)).resolves.toBe('established');
  });

  it('applies disabling, re-enabling, secret rotation, limits and deletion as they are announced', async () => {
    const app = { id: 'managed', key: 'managed-key', secret: 'managed-secret' };
    await cluster.addApp(app);
    await notify(app.id);
    await expect(eventually(() => restStatus(notified, app), 200, 2_000)).resolves.toBe(200);

    await sql('UPDATE apps SET enabled = false WHERE id = $1', [app.id]);
    await notify(app.id);
    await expect(eventually(() => restStatus(notified, app), 403, 2_000)).resolves.toBe(403);
    await expect(wsOutcome(notified, app.key)).resolves.toBe('refused 4003');

    await sql('UPDATE apps SET enabled = true, secret = $2, max_event_bytes = 20 WHERE id = $1', [app.id, 'rotated-secret']);
    await notify(app.id);
    const rotated = { ...app, secret: 'rotated-secret' };
    await expect(eventually(() => restStatus(notified, rotated), 200, 2_000)).resolves.toBe(200);
    await expect(restStatus(notified, app)).resolves.toBe(401);
    const sdk = new Pusher({
      appId: app.id,
      key: app.key,
      secret: rotated.secret,
      host: '127.0.0.1',
      port: String(notified.port),
      useTLS: false,
    });
    await expect(sdk.trigger('c', 'e', 'x'.repeat(21))).rejects.toMatchObject({ status: 413 });
    await expect(sdk.trigger('c', 'e', 'x'.repeat(20))).resolves.toMatchObject({ status: 200 });

    await sql('DELETE FROM apps WHERE id = $1', [app.id]);
    await notify(app.id);
    await expect(eventually(() => restStatus(notified, rotated), 404, 2_000)).resolves.toBe(404);
    await expect(wsOutcome(notified, app.key)).resolves.toBe('refused 4001');
  });

  it('catches up by periodic refresh when no announcement arrives', async () => {
    // The refreshing node listens under another prefix, so it never hears these announcements.
    const app = { id: 'quiet', key: 'quiet-key', secret: 'quiet-secret' };
    await cluster.addApp(app);
    await expect(eventually(() => restStatus(refreshing, app), 200, 5_000)).resolves.toBe(200);
    await sql('UPDATE apps SET enabled = false WHERE id = $1', [app.id]);
    await expect(eventually(() => restStatus(refreshing, app), 403, 5_000)).resolves.toBe(403);
    await expect(restStatus(notified, app)).resolves.toBe(404);
  });
});
