import { JwtService } from '@nestjs/jwt';
import { Client } from 'pg';
import Pusher, { type Channel } from 'pusher-js';
import { buildWebhookRequest } from '@app/pusher-protocol';
import { localPusherOptions, startPlatform, type RunningApp, type TestPlatform } from '../support';

jest.setTimeout(60_000);

const JWT_SECRET = 'membership-e2e-secret-0123456789';
const ADMIN_TOKEN = 'membership-e2e-admin-token-0123456789';
const TTL_SECONDS = 5;
const jwt = new JwtService({ secret: JWT_SECRET });
const tokenFor = (sub: string, listen = ['presence-*', 'private-*']) => jwt.sign({ sub, listen, publish: [] }, { expiresIn: 300 });

interface MembersPage {
  total: number;
  sockets: number;
  platforms: Record<string, number>;
  members: { userId: string; platforms: string[]; sockets: { socketId: string; platform: string }[] }[];
  nextCursor: string | null;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > deadline) return value;
    await pause(100);
  }
}

describe('api: membership registry over HTTP, with TTL, sweeper and realtime webhooks', () => {
  let platform: TestPlatform;
  let realtime: RunningApp;
  let api: RunningApp;

  const call = async (method: string, path: string, token: string | null, body?: unknown, contentType = 'application/json') => {
    const headers: Record<string, string> = {};
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = contentType;
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const response = await fetch(`${api.url}${path}`, { method, headers, body: payload });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const subscribe = (token: string, body: Record<string, string>) => call('POST', '/pusher/subscribe', token, body);
  const members = async (channel: string, query = '', token = ADMIN_TOKEN) =>
    (await call('GET', `/channels/${encodeURIComponent(channel)}/members${query}`, token)).body as unknown as MembersPage;

  beforeAll(async () => {
    platform = await startPlatform({
      api: {
        AUTH_JWT_SECRET: JWT_SECRET,
        ADMIN_TOKEN,
        API_THROTTLE_LIMIT: '0',
        MEMBERSHIP_TTL_SECONDS: String(TTL_SECONDS),
        MEMBERSHIP_SWEEP_INTERVAL_SECONDS: '1',
      },
    });
    api = platform.apps.api;
    const client = new Client({ connectionString: platform.database.url });
    await client.connect();
    await client.query('UPDATE apps SET webhooks = $1 WHERE id = $2', [JSON.stringify([{ url: `${api.url}/pusher/webhooks` }]), 'app-id']);
    await client.end();
    realtime = await platform.start('realtime', { REALTIME_WEBHOOK_BATCH_MS: '10' });
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('registers sockets of the token user and lists distinct users with platforms and counts', async () => {
    const ada = tokenFor('ada');
    await expect(subscribe(ada, { socket_id: '1.1', channel: 'presence-a', user_id: 'ada', platform: 'Web' })).resolves.toEqual({
      status: 200,
      body: { created: true, ttl_seconds: TTL_SECONDS },
    });
    await expect(subscribe(ada, { socket_id: '1.1', channel: 'presence-a', user_id: 'ada', platform: 'Web' })).resolves.toMatchObject({
      body: { created: false },
    });
    await subscribe(ada, { socket_id: '1.2', channel: 'presence-a', user_id: 'ada', platform: 'iOS' });
    await subscribe(tokenFor('bob'), { socket_id: '1.3', channel: 'presence-a', user_id: 'bob', platform: 'Android' });
    const page = await members('presence-a', '', ada);
    expect(page).toMatchObject({ total: 2, sockets: 3, platforms: { Web: 1, iOS: 1, Android: 1 }, nextCursor: null });
    expect(page.members.map((member) => [member.userId, member.platforms])).toEqual([
      ['ada', ['Web', 'iOS']],
      ['bob', ['Android']],
    ]);
    const firstPage = await members('presence-a', '?limit=1');
    expect(firstPage).toMatchObject({ total: 2, nextCursor: 'ada', members: [{ userId: 'ada' }] });
    await expect(members('presence-a', '?limit=1&cursor=ada')).resolves.toMatchObject({ members: [{ userId: 'bob' }], nextCursor: null });
    await expect(call('GET', '/users/ada/channels', ada)).resolves.toEqual({
      status: 200,
      body: { userId: 'ada', channels: [{ channel: 'presence-a', sockets: 2 }] },
    });
    const metrics = await fetch(`${api.url}/metrics`).then((response) => response.text());
    expect(metrics).toMatch(/pusher_me_membership_entries_total\{[^}]*change="added"[^}]*\} 3/);
  });

  it("refuses another user's id, channels outside listen, bad fields and missing tokens", async () => {
    const ada = tokenFor('ada', ['presence-ok-*']);
    const entry = { socket_id: '2.1', channel: 'presence-ok-1', user_id: 'ada', platform: 'Web' };
    await expect(subscribe(ada, { ...entry, user_id: 'bob' }).then((r) => r.status)).resolves.toBe(403);
    await expect(subscribe(ada, { ...entry, channel: 'presence-other' }).then((r) => r.status)).resolves.toBe(403);
    await expect(subscribe(ada, { ...entry, platform: 'Symbian' }).then((r) => r.status)).resolves.toBe(400);
    await expect(subscribe(ada, { ...entry, socket_id: 'x' }).then((r) => r.status)).resolves.toBe(400);
    await expect(call('POST', '/pusher/subscribe', null, entry).then((r) => r.status)).resolves.toBe(401);
    await expect(call('GET', '/channels/presence-other/members', ada).then((r) => r.status)).resolves.toBe(403);
    await expect(call('GET', '/users/bob/channels', ada).then((r) => r.status)).resolves.toBe(403);
    await expect(call('GET', '/channels/presence-ok-1/members', null).then((r) => r.status)).resolves.toBe(401);
  });

  it('unsubscribes from one channel or all, including sendBeacon bodies (text/plain JSON and forms)', async () => {
    const cy = tokenFor('cy');
    for (const channel of ['presence-u1', 'presence-u2', 'presence-u3']) {
      await subscribe(cy, { socket_id: '3.1', channel, user_id: 'cy', platform: 'Web' });
    }
    await expect(call('POST', '/pusher/unsubscribe', cy, { socket_id: '3.1', channel: 'presence-u1' })).resolves.toEqual({
      status: 200,
      body: { removed: 1 },
    });
    const beacon = JSON.stringify({ socket_id: '3.1', channel: 'presence-u2', token: cy });
    await expect(call('POST', '/pusher/unsubscribe', null, beacon, 'text/plain;charset=UTF-8')).resolves.toEqual({
      status: 200,
      body: { removed: 1 },
    });
    const form = new URLSearchParams({ socket_id: '3.1', user_id: 'cy', platform: 'Web', token: cy }).toString();
    await expect(call('POST', '/pusher/unsubscribe', null, form, 'application/x-www-form-urlencoded')).resolves.toEqual({
      status: 200,
      body: { removed: 1 },
    });
    await expect(call('GET', '/users/cy/channels', cy)).resolves.toMatchObject({ body: { channels: [] } });
    await expect(call('POST', '/pusher/unsubscribe', null, 'not json', 'text/plain').then((r) => r.status)).resolves.toBe(400);
  });

  it('expires entries not refreshed within the TTL, on read and by the sweeper', async () => {
    const dee = tokenFor('dee');
    await subscribe(dee, { socket_id: '4.1', channel: 'presence-ttl', user_id: 'dee', platform: 'Web' });
    await subscribe(dee, { socket_id: '4.2', channel: 'presence-swept', user_id: 'dee', platform: 'Web' });
    await subscribe(tokenFor('eli'), { socket_id: '4.3', channel: 'presence-ttl', user_id: 'eli', platform: 'iOS' });
    // Keep eli alive with heartbeats while dee's entries age past the TTL (bounded: TTL + 2 s).
    const until = Date.now() + (TTL_SECONDS + 2) * 1000;
    while (Date.now() < until) {
      await subscribe(tokenFor('eli'), { socket_id: '4.3', channel: 'presence-ttl', user_id: 'eli', platform: 'iOS' });
      await pause(1000);
    }
    const page = await members('presence-ttl');
    expect(page).toMatchObject({ total: 1, sockets: 1, platforms: { Web: 0, iOS: 1, Android: 0 }, members: [{ userId: 'eli' }] });
    // presence-swept was never read: the sweeper alone must have removed it from the user index.
    const scan = await fetch(`${api.url}/users/dee/channels`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    await expect(scan.json()).resolves.toEqual({ userId: 'dee', channels: [] });
  });

  it('removes entries when our realtime server reports member_removed and channel_vacated after a disconnect', async () => {
    const fay = tokenFor('fay');
    const client = new Pusher(
      'app-key',
      localPusherOptions(realtime.port, {
        channelAuthorization: { endpoint: `${api.url}/pusher/auth`, transport: 'ajax', headers: { Authorization: `Bearer ${fay}` } },
      }),
    );
    const join = (name: string) =>
      new Promise<Channel>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no subscription_succeeded on ${name}`)), 10_000);
        const subscribed = client.subscribe(name);
        subscribed.bind('pusher:subscription_succeeded', () => {
          clearTimeout(timer);
          resolve(subscribed);
        });
      });
    try {
      for (const channel of [await join('presence-live'), await join('private-live')]) {
        await subscribe(fay, { socket_id: client.connection.socket_id, channel: channel.name, user_id: 'fay', platform: 'Web' });
      }
      await expect(members('presence-live')).resolves.toMatchObject({ total: 1 });
      await expect(members('private-live')).resolves.toMatchObject({ total: 1 });
    } finally {
      client.disconnect();
    }
    // presence-live is cleaned by member_removed, private-live by channel_vacated.
    for (const channel of ['presence-live', 'private-live']) {
      const page = await eventually(
        () => members(channel),
        (value) => value.total === 0,
      );
      expect(page).toMatchObject({ total: 0, sockets: 0, members: [] });
    }
  });

  it('verifies webhook signatures on the raw body and applies channel_vacated only to older entries', async () => {
    const gus = tokenFor('gus');
    await subscribe(gus, { socket_id: '6.1', channel: 'presence-hook', user_id: 'gus', platform: 'Web' });
    const vacated = buildWebhookRequest(
      [{ name: 'channel_vacated', channel: 'presence-hook' }],
      { key: 'app-key', secret: 'app-secret' },
      Date.now() - 60_000,
    );
    const forged = buildWebhookRequest([{ name: 'channel_vacated', channel: 'presence-hook' }], { key: 'app-key', secret: 'wrong' });
    const send = (request: { body: string; headers: Record<string, string> }) =>
      fetch(`${api.url}/pusher/webhooks`, { method: 'POST', headers: request.headers, body: request.body });
    await expect(send(forged).then((r) => r.status)).resolves.toBe(401);
    await expect(send(vacated).then((r) => r.json())).resolves.toEqual({ events: 1, removed: 0 });
    await expect(members('presence-hook')).resolves.toMatchObject({ total: 1 });
    const now = buildWebhookRequest(
      [{ name: 'channel_vacated', channel: 'presence-hook' }],
      { key: 'app-key', secret: 'app-secret' },
      Date.now() + 1000,
    );
    // Same JSON with different spacing: a signature over the parsed-and-reserialized body would not match.
    const spaced = { ...now, body: now.body.replace('"events":', '"events" :') };
    await expect(send(spaced).then((r) => r.status)).resolves.toBe(401);
    await expect(send(now).then((r) => r.json())).resolves.toEqual({ events: 1, removed: 1 });
    await expect(members('presence-hook')).resolves.toMatchObject({ total: 0 });
  });
});
