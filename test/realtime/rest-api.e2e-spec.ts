import { restQueryString, signChannelAuth, signRestRequest, signUserAuth } from '@app/pusher-protocol';
import Pusher from 'pusher';
import type { RunningApp } from '../support';
import { RealtimeEnv } from './support/realtime-env';
import { WsClient } from './support/ws-client';

jest.setTimeout(60_000);

const app = { id: 'app-id', key: 'app-key', secret: 'app-secret' };

interface RawReply {
  status: number;
  body: unknown;
}

/** The `error` text of an error reply, checking the body has the documented `{error, code}` shape. */
function errorOf(reply: RawReply): string {
  const { error, code } = reply.body as { error: unknown; code: unknown };
  if (typeof error !== 'string' || code !== reply.status) throw new Error(`not an error body: ${JSON.stringify(reply.body)}`);
  return error;
}

describe('realtime: Pusher REST API', () => {
  let cluster: RealtimeEnv;
  let node: RunningApp;
  let pusher: Pusher;
  const open: WsClient[] = [];

  const connect = async (key = app.key) => {
    const connection = await WsClient.connect(node.url, key);
    open.push(connection.client);
    return connection;
  };

  const joinPresence = async (channel: string, userId: string) => {
    const { client, socketId } = await connect();
    const channelData = JSON.stringify({ user_id: userId, user_info: { name: userId } });
    const reply = await client.subscribe(channel, {
      auth: signChannelAuth({ ...app, socketId, channel, channelData }),
      channel_data: channelData,
    });
    expect(reply.event).toBe('pusher_internal:subscription_succeeded');
    return client;
  };

  /** A request signed like the SDK's, with `tamper` applied to the signed query before sending. */
  const signed = async (
    method: 'GET' | 'POST',
    path: string,
    options: {
      body?: string;
      query?: Record<string, string>;
      credentials?: typeof app;
      tamper?: (query: Record<string, string>) => void;
    } = {},
  ): Promise<RawReply> => {
    const credentials = options.credentials ?? app;
    const query = signRestRequest({
      method,
      path,
      query: options.query,
      body: options.body,
      key: credentials.key,
      secret: credentials.secret,
    });
    options.tamper?.(query);
    const response = await fetch(`${node.url}${path}?${restQueryString(query)}`, {
      method,
      headers: options.body === undefined ? {} : { 'content-type': 'application/json' },
      body: options.body,
    });
    return { status: response.status, body: await response.json() };
  };

  beforeAll(async () => {
    cluster = await RealtimeEnv.create();
    await cluster.addApp({ id: 'off-app', key: 'off-key', enabled: false });
    await cluster.addApp({ id: 'small-app', key: 'small-key', max_event_bytes: 100 });
    node = await cluster.startNode();
    pusher = RealtimeEnv.sdk(node);
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((client) => client.close()));
  });

  afterAll(() => cluster.teardown());

  describe('with the pusher SDK', () => {
    it('triggers an event, answering {} and delivering data as the exact string', async () => {
      const { client } = await connect();
      await client.subscribe('my-channel');
      const response = await pusher.trigger('my-channel', 'my-event', { hello: 'world' });
      expect(response.status).toBe(200);
      await expect(response.json()).resolves.toEqual({});
      const frame = await client.next((f) => f.event === 'my-event');
      expect(JSON.parse(frame.raw)).toEqual({ event: 'my-event', channel: 'my-channel', data: '{"hello":"world"}' });

      await pusher.trigger('my-channel', 'raw-event', '  not json, kept as is ');
      const raw = await client.next((f) => f.event === 'raw-event');
      expect((JSON.parse(raw.raw) as { data: string }).data).toBe('  not json, kept as is ');
    });

    it('delivers to several channels and leaves out the socket_id given', async () => {
      const a = await connect();
      const b = await connect();
      for (const { client } of [a, b]) {
        await client.subscribe('multi-1');
        await client.subscribe('multi-2');
      }
      await pusher.trigger(['multi-1', 'multi-2'], 'excluded', 'x', { socket_id: a.socketId });
      await pusher.trigger('multi-2', 'after', 'y');
      await b.client.next((f) => f.event === 'excluded' && f.channel === 'multi-1');
      await b.client.next((f) => f.event === 'excluded' && f.channel === 'multi-2');
      await a.client.next((f) => f.event === 'after');
      // Events on one channel arrive in order, so `after` reaching A proves `excluded` never will.
      expect(a.client.received('excluded')).toHaveLength(0);
    });

    it('reports info attributes of the channels it triggered on', async () => {
      const { client } = await connect();
      await client.subscribe('info-channel');
      await joinPresence('presence-info', 'u1');
      await joinPresence('presence-info', 'u2');
      const response = await pusher.trigger(['info-channel', 'presence-info'], 'e', 'd', { info: 'subscription_count,user_count' });
      await expect(response.json()).resolves.toEqual({
        channels: { 'info-channel': { subscription_count: 1 }, 'presence-info': { subscription_count: 2, user_count: 2 } },
      });
    });

    it('triggers a batch in order and answers per-item attributes when asked', async () => {
      const { client } = await connect();
      await client.subscribe('batch-channel');
      const response = await pusher.triggerBatch([
        { channel: 'batch-channel', name: 'first', data: '1', info: 'subscription_count' },
        { channel: 'batch-channel', name: 'second', data: { n: 2 } },
      ]);
      await expect(response.json()).resolves.toEqual({ batch: [{ subscription_count: 1 }, {}] });
      await client.next((f) => f.event === 'first');
      const second = await client.next((f) => f.event === 'second');
      expect(JSON.parse(second.raw)).toEqual({ event: 'second', channel: 'batch-channel', data: '{"n":2}' });

      const plain = await pusher.triggerBatch([{ channel: 'batch-channel', name: 'third', data: '3' }]);
      await expect(plain.json()).resolves.toEqual({});
    });

    it('lists occupied channels, with user_count under a presence- prefix', async () => {
      const { client } = await connect();
      await client.subscribe('listed-channel');
      await joinPresence('presence-listed', 'u1');
      const all = (await (await pusher.get({ path: '/channels' })).json()) as { channels: Record<string, object> };
      expect(all.channels['listed-channel']).toEqual({});
      expect(all.channels['presence-listed']).toEqual({});

      const presence = await pusher.get({ path: '/channels', params: { filter_by_prefix: 'presence-listed', info: 'user_count' } });
      await expect(presence.json()).resolves.toEqual({ channels: { 'presence-listed': { user_count: 1 } } });

      const counted = await pusher.get({ path: '/channels', params: { filter_by_prefix: 'listed-', info: 'subscription_count' } });
      await expect(counted.json()).resolves.toEqual({ channels: { 'listed-channel': { subscription_count: 1 } } });
    });

    it('describes one channel and lists presence users', async () => {
      const { client } = await connect();
      await client.subscribe('described');
      await joinPresence('presence-described', 'alice');
      await joinPresence('presence-described', 'bob');
      await joinPresence('presence-described', 'bob');

      const one = await pusher.get({ path: '/channels/described', params: { info: 'subscription_count' } });
      await expect(one.json()).resolves.toEqual({ occupied: true, subscription_count: 1 });
      const empty = await pusher.get({ path: '/channels/nobody-here' });
      await expect(empty.json()).resolves.toEqual({ occupied: false });
      const presence = await pusher.get({ path: '/channels/presence-described', params: { info: 'user_count,subscription_count' } });
      await expect(presence.json()).resolves.toEqual({ occupied: true, user_count: 2, subscription_count: 3 });

      const users = (await (await pusher.get({ path: '/channels/presence-described/users' })).json()) as { users: { id: string }[] };
      expect(users.users.map((user) => user.id).sort()).toEqual(['alice', 'bob']);
    });

    it('terminates the connections of a signed-in user with 4009', async () => {
      const { client, socketId } = await connect();
      const userData = JSON.stringify({ id: 'to-terminate' });
      client.send({ event: 'pusher:signin', data: { auth: signUserAuth({ ...app, socketId, userData }), user_data: userData } });
      await client.next((f) => f.event === 'pusher:signin_success');
      const bystander = await connect();

      const response = await pusher.terminateUserConnections('to-terminate');
      expect(response.status).toBe(200);
      await expect(response.json()).resolves.toEqual({});
      await expect(client.closed).resolves.toMatchObject({ code: 4009 });
      bystander.client.send({ event: 'pusher:ping', data: {} });
      await expect(bystander.client.next((f) => f.event === 'pusher:pong')).resolves.toMatchObject({ event: 'pusher:pong' });
    });

    it('sends to a user through #server-to-user-{id}', async () => {
      const { client, socketId } = await connect();
      const userData = JSON.stringify({ id: 'reachable' });
      client.send({ event: 'pusher:signin', data: { auth: signUserAuth({ ...app, socketId, userData }), user_data: userData } });
      await client.next((f) => f.event === 'pusher:signin_success');
      await pusher.sendToUser('reachable', 'direct', { hi: 1 });
      const frame = await client.next((f) => f.event === 'direct');
      expect(frame).toMatchObject({ channel: '#server-to-user-reachable', data: { hi: 1 } });
    });

    it('publishes a repeated idempotency_key once, in events and in batch items', async () => {
      const { client } = await connect();
      await client.subscribe('idem');
      await pusher.trigger('idem', 'once', '1', { idempotency_key: 'key-1' } as Pusher.TriggerParams);
      const again = await pusher.trigger('idem', 'once', '1', { idempotency_key: 'key-1' } as Pusher.TriggerParams);
      await expect(again.json()).resolves.toEqual({});
      const batch: Pusher.BatchEvent[] = [
        { channel: 'idem', name: 'batched', data: 'a', idempotency_key: 'key-2' } as Pusher.BatchEvent,
        { channel: 'idem', name: 'batched', data: 'b', idempotency_key: 'key-2' } as Pusher.BatchEvent,
      ];
      await pusher.triggerBatch(batch);
      await pusher.trigger('idem', 'fence', '');
      await client.next((f) => f.event === 'fence');
      expect(client.received('once')).toHaveLength(1);
      expect(client.received('batched').map((f) => f.data)).toEqual(['a']);
    });

    it('rejects with the status and a readable body through the SDK', async () => {
      // The app whose events may carry at most 100 bytes.
      const small = new Pusher({
        appId: 'small-app',
        key: 'small-key',
        secret: 'small-app-secret',
        host: '127.0.0.1',
        port: String(node.port),
        useTLS: false,
      });
      await expect(pusher.trigger('c', 'e', 'x'.repeat(10 * 1024 + 1))).rejects.toMatchObject({
        status: 413,
        body: JSON.stringify({ error: 'data is 10241 bytes; this app accepts at most 10240 bytes per event', code: 413 }),
      });
      await expect(small.trigger('c', 'e', 'x'.repeat(101))).rejects.toMatchObject({ status: 413 });
      await expect(small.trigger('c', 'e', 'x'.repeat(100))).resolves.toMatchObject({ status: 200 });
    });
  });

  describe('errors, over raw HTTP', () => {
    const eventBody = JSON.stringify({ name: 'e', channel: 'c', data: 'd' });

    it('answers 404 for an unknown app', async () => {
      await expect(signed('POST', '/apps/no-such-app/events', { body: eventBody })).resolves.toEqual({
        status: 404,
        body: { error: 'Unknown app "no-such-app": no app with this id exists on this server', code: 404 },
      });
    });

    it('answers 404 in the same shape for a route the API does not have', async () => {
      const reply = await signed('GET', '/apps/app-id/nothing-here');
      expect(reply.status).toBe(404);
      expect(errorOf(reply)).toMatch(/^No such REST API route: GET \/apps\/app-id\/nothing-here/);
    });

    it('answers 401 for a bad signature, a stale timestamp, a wrong body_md5 or another app key', async () => {
      const badSignature = await signed('POST', '/apps/app-id/events', {
        body: eventBody,
        tamper: (q) => (q.auth_signature = '0'.repeat(64)),
      });
      expect(badSignature.status).toBe(401);
      expect(errorOf(badSignature)).toContain('Invalid signature: you should have sent HmacSHA256Hex');

      const stale = await fetch(
        `${node.url}/apps/app-id/channels?${restQueryString(
          signRestRequest({ method: 'GET', path: '/apps/app-id/channels', ...app, timestamp: Math.floor(Date.now() / 1000) - 700 }),
        )}`,
      );
      expect(stale.status).toBe(401);
      expect(errorOf({ status: 401, body: await stale.json() })).toMatch(/^Timestamp expired: Given timestamp/);

      const md5 = await signed('POST', '/apps/app-id/events', { body: eventBody, tamper: (q) => (q.body_md5 = '0'.repeat(32)) });
      expect(md5).toMatchObject({ status: 401, body: { code: 401 } });

      const otherKey = await signed('GET', '/apps/app-id/channels', {
        credentials: { id: 'off-app', key: 'off-key', secret: 'off-app-secret' },
      });
      expect(otherKey).toEqual({ status: 401, body: { error: 'Unknown auth_key "off-key" for this app', code: 401 } });

      const unsigned = await fetch(`${node.url}/apps/app-id/channels`);
      expect(unsigned.status).toBe(401);
      expect(errorOf({ status: 401, body: await unsigned.json() })).toContain('Missing authentication parameter');
    });

    it('answers 403 for a disabled app', async () => {
      await expect(
        signed('POST', '/apps/off-app/events', {
          body: eventBody,
          credentials: { id: 'off-app', key: 'off-key', secret: 'off-app-secret' },
        }),
      ).resolves.toEqual({ status: 403, body: { error: 'App "off-app" is disabled; an administrator must enable it', code: 403 } });
    });

    it('answers 400 for malformed JSON, missing fields and protocol violations', async () => {
      const cases: [string, string, RegExp][] = [
        ['/apps/app-id/events', '{"name":', /^Request body is not valid JSON/],
        ['/apps/app-id/events', '{"channel":"c","data":"d"}', /name must be a string/],
        ['/apps/app-id/events', '{"name":"e","channel":"c","data":{"not":"a string"}}', /data must be a string/],
        ['/apps/app-id/events', '{"name":"e","data":"d"}', /channels must name at least one channel/],
        [
          '/apps/app-id/events',
          JSON.stringify({ name: 'e', data: 'd', channels: Array.from({ length: 101 }, (_, i) => `c${i}`) }),
          /at most 100/,
        ],
        ['/apps/app-id/events', '{"name":"e","channel":"bad channel","data":"d"}', /contains characters other than/],
        ['/apps/app-id/events', '{"name":"e","channel":"c","data":"d","socket_id":"nope"}', /socket_id "nope" is not a socket id/],
        [
          '/apps/app-id/batch_events',
          JSON.stringify({ batch: Array.from({ length: 11 }, () => ({ name: 'e', channel: 'c', data: 'd' })) }),
          /batch has 11 events; at most 10/,
        ],
        [
          '/apps/app-id/batch_events',
          '{"batch":[{"name":"e","channel":"c","data":"d"},{"name":"e","data":"d","channel":"#bad"}]}',
          /^batch\[1\]\./,
        ],
        ['/apps/app-id/batch_events', '{"batch":[{"channel":"c","data":"d"}]}', /batch\.0\.name must be a string/],
      ];
      for (const [path, body, message] of cases) {
        const reply = await signed('POST', path, { body });
        expect({ body, status: reply.status }).toEqual({ body, status: 400 });
        expect(errorOf(reply)).toMatch(message);
      }
    });

    it('answers 400 for user_count outside presence and /users of a non-presence channel', async () => {
      await expect(signed('GET', '/apps/app-id/channels', { query: { info: 'user_count' } })).resolves.toEqual({
        status: 400,
        body: {
          error: 'user_count may only be requested for presence channels - please supply filter_by_prefix beginning with presence-',
          code: 400,
        },
      });
      await expect(signed('GET', '/apps/app-id/channels/public-one', { query: { info: 'user_count' } })).resolves.toEqual({
        status: 400,
        body: { error: 'Cannot retrieve the user count unless the channel is a presence channel', code: 400 },
      });
      await expect(signed('GET', '/apps/app-id/channels/public-one/users')).resolves.toMatchObject({ status: 400, body: { code: 400 } });
    });

    it('answers 413 for an event over the app limit and for a body over the request limit', async () => {
      const small = { id: 'small-app', key: 'small-key', secret: 'small-app-secret' };
      const over = await signed('POST', '/apps/small-app/events', {
        body: JSON.stringify({ name: 'e', channel: 'c', data: 'x'.repeat(101) }),
        credentials: small,
      });
      expect(over).toEqual({ status: 413, body: { error: 'data is 101 bytes; this app accepts at most 100 bytes per event', code: 413 } });

      const batch = await signed('POST', '/apps/small-app/batch_events', {
        body: JSON.stringify({
          batch: [
            { name: 'e', channel: 'c', data: 'ok' },
            { name: 'e', channel: 'c', data: 'y'.repeat(200) },
          ],
        }),
        credentials: small,
      });
      expect(batch.status).toBe(413);
      expect(errorOf(batch)).toMatch(/^batch\[1\]\.data is 200 bytes/);

      const huge = await signed('POST', '/apps/small-app/events', {
        body: JSON.stringify({ name: 'e', channel: 'c', data: 'z'.repeat(200_000) }),
        credentials: small,
      });
      expect(huge.status).toBe(413);
      expect(errorOf(huge)).toContain('Request body is larger than');
    });
  });
});
