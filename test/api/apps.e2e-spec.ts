import Redis from 'ioredis';
import { appChangesChannel, RedisKeys } from '@app/redis';
import { RunningApp, startPlatform, TEST_APP, TestPlatform } from '../support';

const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

interface AppBody {
  id: string;
  key: string;
  secret?: string;
  name: string;
  enabled: boolean;
  max_connections: number | null;
  max_event_bytes: number;
  client_events_enabled: boolean;
  webhooks: { url: string; events?: string[] }[];
  encryption_master_key?: string | null;
}

describe('api apps admin', () => {
  let platform: TestPlatform;
  let api: RunningApp;
  let subscriber: Redis;
  const announced: string[] = [];

  const admin = (method: string, path: string, body?: unknown, token = ADMIN_TOKEN) =>
    fetch(`${api.url}/admin${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const publishAs = (key: string, secret: string) =>
    fetch(`${api.url}/messages`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ channel: 'c', event: 'e', data: 'x' }),
    });
  const announcedSoon = async (appId: string) => {
    for (let attempt = 0; attempt < 50 && !announced.includes(appId); attempt++) await new Promise((done) => setTimeout(done, 50));
    const found = announced.includes(appId);
    announced.length = 0;
    return found;
  };

  beforeAll(async () => {
    platform = await startPlatform({ api: { ADMIN_TOKEN } });
    api = platform.apps.api;
    subscriber = new Redis(platform.redis.url);
    await subscriber.subscribe(appChangesChannel(new RedisKeys(platform.redis.prefix)));
    subscriber.on('message', (_channel: string, appId: string) => announced.push(appId));
  }, 60_000);

  afterAll(async () => {
    subscriber?.disconnect();
    await platform?.stop();
  }, 60_000);

  it('refuses a missing or wrong admin token with 401', async () => {
    expect((await fetch(`${api.url}/admin/apps`)).status).toBe(401);
    expect((await admin('GET', '/apps', undefined, `${ADMIN_TOKEN}x`)).status).toBe(401);
  });

  it('creates an app with random credentials, lists it without secrets, shows it with them, and announces it', async () => {
    const created = await admin('POST', '/apps', {
      name: 'Chat',
      client_events_enabled: true,
      webhooks: [{ url: 'http://127.0.0.1:9/hooks', events: ['member_added'] }],
    });
    expect(created.status).toBe(201);
    const app = (await created.json()) as AppBody;
    expect(app.id).toMatch(/^\d{7,11}$/);
    expect(app.key).toMatch(/^[0-9a-f]{20}$/);
    expect(app.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(app).toMatchObject({ name: 'Chat', enabled: true, client_events_enabled: true, max_connections: null, max_event_bytes: 10240 });
    expect(app.webhooks).toEqual([{ url: 'http://127.0.0.1:9/hooks', events: ['member_added'] }]);
    await expect(announcedSoon(app.id)).resolves.toBe(true);

    const list = (await (await admin('GET', '/apps')).json()) as { apps: AppBody[]; total: number };
    expect(list.total).toBe(2);
    expect(list.apps.map((listed) => listed.id)).toEqual([TEST_APP.id, app.id]);
    expect(list.apps.every((listed) => listed.secret === undefined)).toBe(true);

    const shown = (await (await admin('GET', `/apps/${app.id}`)).json()) as AppBody;
    expect(shown.secret).toBe(app.secret);
    expect((await admin('GET', '/apps/no-such-app')).status).toBe(404);

    const second = (await (await admin('POST', '/apps', { name: 'Other' })).json()) as AppBody;
    expect(second.key).not.toBe(app.key);
    expect(second.secret).not.toBe(app.secret);
  });

  it('accepts a chosen id once (409 after) and validates every field', async () => {
    expect((await admin('POST', '/apps', { id: 'my-app', name: 'Mine' })).status).toBe(201);
    const duplicate = await admin('POST', '/apps', { id: 'my-app', name: 'Again' });
    expect(duplicate.status).toBe(409);

    const invalid = await admin('POST', '/apps', {
      id: 'bad id',
      name: '',
      key: 'chosen',
      max_event_bytes: 0,
      webhooks: [{ url: 'ftp://x', events: ['nope'] }],
      encryption_master_key: 'short',
    });
    expect(invalid.status).toBe(400);
    const body = (await invalid.json()) as { details: { field: string }[] };
    expect(body.details.map((detail) => detail.field).sort()).toEqual([
      'encryption_master_key',
      'id',
      'key',
      'max_event_bytes',
      'name',
      'webhooks.0.events',
      'webhooks.0.url',
    ]);
  });

  it('updates settings but never the key, and the change is announced', async () => {
    const app = (await (await admin('POST', '/apps', { name: 'To change' })).json()) as AppBody;
    announced.length = 0;
    const key = Buffer.alloc(32, 7).toString('base64');
    const updated = await admin('PATCH', `/apps/${app.id}`, {
      name: 'Changed',
      max_connections: 50,
      max_event_bytes: 2048,
      encryption_master_key: key,
    });
    expect(updated.status).toBe(200);
    await expect(updated.json()).resolves.toMatchObject({
      name: 'Changed',
      max_connections: 50,
      max_event_bytes: 2048,
      encryption_master_key: key,
      key: app.key,
    });
    await expect(announcedSoon(app.id)).resolves.toBe(true);

    expect((await admin('PATCH', `/apps/${app.id}`, { key: 'new-key' })).status).toBe(400);
    expect((await admin('PATCH', '/apps/no-such-app', { name: 'x' })).status).toBe(404);
  });

  it('disables and enables an app: a disabled app may not publish', async () => {
    const app = (await (await admin('POST', '/apps', { name: 'Toggle' })).json()) as AppBody;
    expect((await publishAs(app.key, app.secret!)).status).toBe(202);
    const disabled = await admin('POST', `/apps/${app.id}/disable`);
    await expect(disabled.json()).resolves.toMatchObject({ enabled: false });
    expect((await publishAs(app.key, app.secret!)).status).toBe(403);
    await admin('POST', `/apps/${app.id}/enable`);
    expect((await publishAs(app.key, app.secret!)).status).toBe(202);
  });

  it('rotates the secret: the old one stops working at once, the key stays', async () => {
    const app = (await (await admin('POST', '/apps', { name: 'Rotate' })).json()) as AppBody;
    announced.length = 0;
    const rotated = (await (await admin('POST', `/apps/${app.id}/rotate-secret`)).json()) as AppBody;
    expect(rotated.key).toBe(app.key);
    expect(rotated.secret).not.toBe(app.secret);
    await expect(announcedSoon(app.id)).resolves.toBe(true);
    expect((await publishAs(app.key, app.secret!)).status).toBe(401);
    expect((await publishAs(app.key, rotated.secret!)).status).toBe(202);
  });

  it("keeps each app's messages to itself", async () => {
    const app = (await (await admin('POST', '/apps', { name: 'Isolated' })).json()) as AppBody;
    const { id } = (await (await publishAs(TEST_APP.key, TEST_APP.secret)).json()) as { id: string };
    const auth = (key: string, secret: string) => ({ Authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}` });
    expect((await fetch(`${api.url}/messages/${id}`, { headers: auth(TEST_APP.key, TEST_APP.secret) })).status).toBe(200);
    expect((await fetch(`${api.url}/messages/${id}`, { headers: auth(app.key, app.secret!) })).status).toBe(404);
    const admins = await admin('GET', `/messages/${id}`);
    await expect(admins.json()).resolves.toMatchObject({ id, status: 'queued' });
  });

  it('deletes an app with its messages', async () => {
    const app = (await (await admin('POST', '/apps', { name: 'Doomed' })).json()) as AppBody;
    const { id } = (await (await publishAs(app.key, app.secret!)).json()) as { id: string };
    announced.length = 0;
    expect((await admin('DELETE', `/apps/${app.id}`)).status).toBe(204);
    await expect(announcedSoon(app.id)).resolves.toBe(true);
    expect((await admin('GET', `/apps/${app.id}`)).status).toBe(404);
    expect((await admin('GET', `/messages/${id}`)).status).toBe(404);
    expect((await admin('DELETE', `/apps/${app.id}`)).status).toBe(404);
    expect((await publishAs(app.key, app.secret!)).status).toBe(401);
  });

  it('gives the dashboard an overview: messages per status, queue counts, connections per app', async () => {
    const response = await admin('GET', '/stats');
    expect(response.status).toBe(200);
    const stats = (await response.json()) as {
      messages_last_hour: Record<string, number>;
      messages_total: Record<string, number>;
      queue: Record<string, number>;
      connections: Record<string, number>;
    };
    expect(stats.messages_total.queued).toBeGreaterThanOrEqual(4);
    expect(stats.messages_last_hour).toEqual(stats.messages_total);
    // Jobs of the deleted app's messages are still waiting (the worker drops them), so at least as many as queued messages.
    expect(stats.queue.waiting).toBeGreaterThanOrEqual(stats.messages_total.queued);
    expect(stats.queue.failed).toBe(0);
    expect(stats.connections[TEST_APP.id]).toBe(0);
  });
});
