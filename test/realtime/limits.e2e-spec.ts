import type { Socket } from 'node:net';
import Redis from 'ioredis';
import { Client } from 'pg';
import { signChannelAuth } from '@app/pusher-protocol';
import { publishAppChanged, RedisKeys } from '@app/redis';
import type { RunningApp } from '../support';
import { RealtimeEnv } from './support/realtime-env';
import { WsClient } from './support/ws-client';

const secretOf = (appId: string) => `${appId}-secret`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

jest.setTimeout(60_000);

describe('realtime: per-app limits, liveness and capacity', () => {
  let cluster: RealtimeEnv;
  let node: RunningApp;
  let strictNode: RunningApp;
  const open: WsClient[] = [];
  const connect = async (target: RunningApp, key = 'app-key') => {
    const connection = await WsClient.connect(target.url, key);
    open.push(connection.client);
    return connection;
  };
  const refusal = async (target: RunningApp, key: string) => {
    const client = await WsClient.open(`${target.url.replace(/^http/, 'ws')}/app/${key}?protocol=7`);
    open.push(client);
    const first = await client.next();
    return { first, closed: await client.closed };
  };

  beforeAll(async () => {
    cluster = await RealtimeEnv.create();
    await cluster.addApp({ id: 'off', key: 'off-key', enabled: false });
    await cluster.addApp({ id: 'quota', key: 'quota-key', max_connections: 2 });
    await cluster.addApp({ id: 'counted', key: 'counted-key', subscription_count_enabled: true });
    await cluster.addApp({ id: 'small', key: 'small-key', max_presence_members: 2 });
    await cluster.addApp({ id: 'fast', key: 'fast-key', client_events_enabled: true, max_client_events_per_second: 1_000_000 });
    await cluster.addApp({ id: 'doomed', key: 'doomed-key' });
    node = await cluster.startNode({ REALTIME_SEND_BUFFER_BYTES: '65536' });
    strictNode = await cluster.startNode({
      REALTIME_ACTIVITY_TIMEOUT: '1',
      REALTIME_PONG_TIMEOUT_MS: '500',
      REALTIME_MAX_CONNECTIONS: '2',
    });
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((client) => client.close()));
  });

  afterAll(() => cluster.teardown());

  it('refuses a disabled app with 4003', async () => {
    const { first, closed } = await refusal(node, 'off-key');
    expect(first).toMatchObject({ event: 'pusher:error', data: { code: 4003 } });
    expect(closed.code).toBe(4003);
  });

  it('refuses connections over the app quota with 4004, counted across nodes', async () => {
    await connect(node, 'quota-key');
    await connect(strictNode, 'quota-key');
    const { first, closed } = await refusal(node, 'quota-key');
    expect(first).toMatchObject({ event: 'pusher:error', data: { code: 4004 } });
    expect(closed.code).toBe(4004);
  });

  it('closes the sockets of an app disabled at runtime with 4003', async () => {
    const { client } = await connect(node, 'doomed-key');
    const db = new Client({ connectionString: cluster.database.url });
    await db.connect();
    await db.query(`UPDATE apps SET enabled = false WHERE id = 'doomed'`);
    await db.end();
    const redis = new Redis(cluster.redis.url);
    await publishAppChanged(redis, new RedisKeys(cluster.redis.prefix), 'doomed');
    redis.disconnect();
    await expect(client.next((f) => f.event === 'pusher:error', 10_000)).resolves.toMatchObject({ data: { code: 4003 } });
    await expect(client.closed).resolves.toMatchObject({ code: 4003 });
  });

  it('sends pusher_internal:subscription_count when the app enables it', async () => {
    const a = await connect(node, 'counted-key');
    await a.client.subscribe('room');
    await expect(a.client.next((f) => f.event === 'pusher_internal:subscription_count')).resolves.toMatchObject({
      channel: 'room',
      data: { subscription_count: 1 },
    });
    const b = await connect(strictNode, 'counted-key');
    await b.client.subscribe('room');
    await expect(a.client.next((f) => f.event === 'pusher_internal:subscription_count')).resolves.toMatchObject({
      data: { subscription_count: 2 },
    });
    await expect(b.client.next((f) => f.event === 'pusher_internal:subscription_count')).resolves.toMatchObject({
      data: { subscription_count: 2 },
    });
    expect(typeof (JSON.parse(a.client.received('pusher_internal:subscription_count')[0].raw) as { data: unknown }).data).toBe('string');
  });

  it('sends no subscription_count for apps that did not enable it', async () => {
    const { client } = await connect(node);
    await client.subscribe('quiet');
    client.send({ event: 'pusher:ping', data: {} });
    await client.next((f) => f.event === 'pusher:pong');
    expect(client.received('pusher_internal:subscription_count')).toHaveLength(0);
  });

  it('refuses client events in-band when the app has them off', async () => {
    const channel = 'private-quiet';
    const sign = (socketId: string) => signChannelAuth({ key: 'counted-key', secret: secretOf('counted'), socketId, channel });
    const a = await connect(node, 'counted-key');
    const b = await connect(node, 'counted-key');
    await a.client.subscribe(channel, { auth: sign(a.socketId) });
    await b.client.subscribe(channel, { auth: sign(b.socketId) });
    a.client.send({ event: 'client-hello', channel, data: {} });
    await expect(a.client.next((f) => f.event === 'pusher:error')).resolves.toMatchObject({ data: { code: null } });
    b.client.send({ event: 'pusher:ping', data: {} });
    await b.client.next((f) => f.event === 'pusher:pong');
    expect(b.client.received('client-hello')).toHaveLength(0);
    expect(a.client.socket.readyState).toBe(a.client.socket.OPEN);
  });

  it('caps presence members per app by distinct user, not by socket', async () => {
    const channel = 'presence-small';
    const join = async (userId: string) => {
      const { client, socketId } = await connect(node, 'small-key');
      const data = JSON.stringify({ user_id: userId });
      return client.subscribe(channel, {
        auth: signChannelAuth({ key: 'small-key', secret: secretOf('small'), socketId, channel, channelData: data }),
        channel_data: data,
      });
    };
    await expect(join('u1')).resolves.toMatchObject({ event: 'pusher_internal:subscription_succeeded' });
    await expect(join('u2')).resolves.toMatchObject({ event: 'pusher_internal:subscription_succeeded' });
    await expect(join('u3')).resolves.toMatchObject({ event: 'pusher:subscription_error', data: { type: 'LimitReached' } });
    await expect(join('u1')).resolves.toMatchObject({ event: 'pusher_internal:subscription_succeeded' });
  });

  it('pings a silent client and closes it with 4201 when no pong comes', async () => {
    const { client } = await connect(strictNode);
    await expect(client.next((f) => f.event === 'pusher:ping', 3000)).resolves.toMatchObject({ event: 'pusher:ping' });
    await expect(client.closed).resolves.toMatchObject({ code: 4201 });
  });

  it('keeps a client that answers pings', async () => {
    const { client } = await connect(strictNode);
    client.socket.on('message', (raw: Buffer) => {
      if (raw.toString().includes('"pusher:ping"')) client.send({ event: 'pusher:pong', data: {} });
    });
    await pause(2500);
    expect(client.received('pusher:ping').length).toBeGreaterThanOrEqual(1);
    expect(client.socket.readyState).toBe(client.socket.OPEN);
  });

  it('refuses sockets beyond the node capacity with 4100', async () => {
    await connect(strictNode);
    await connect(strictNode);
    const { first, closed } = await refusal(strictNode, 'app-key');
    expect(first).toMatchObject({ event: 'pusher:error', data: { code: 4100 } });
    expect(closed.code).toBe(4100);
  });

  it('closes a client that cannot keep up with 4100 instead of buffering without bound', async () => {
    const channel = 'private-flood';
    const sign = (socketId: string) => signChannelAuth({ key: 'fast-key', secret: secretOf('fast'), socketId, channel });
    const slow = await connect(node, 'fast-key');
    const sender = await connect(node, 'fast-key');
    await slow.client.subscribe(channel, { auth: sign(slow.socketId) });
    await sender.client.subscribe(channel, { auth: sign(sender.socketId) });
    (slow.client.socket as unknown as { _socket: Socket })._socket.pause();
    const payload = 'z'.repeat(9000);
    for (let i = 0; i < 4000; i++) sender.client.send({ event: 'client-flood', channel, data: payload });
    const deadline = Date.now() + 15_000;
    let closedCount = 0;
    while (Date.now() < deadline) {
      const metrics = await (await fetch(`${node.url}/metrics`)).text();
      closedCount = Number(/^realtime_slow_consumers_closed_total\{[^}]*\} (\d+)/m.exec(metrics)?.[1] ?? 0);
      if (closedCount > 0) break;
      await pause(200);
    }
    expect(closedCount).toBe(1);
    (slow.client.socket as unknown as { _socket: Socket })._socket.resume();
    await expect(slow.client.closed).resolves.toMatchObject({ code: 4100 });
    expect(sender.client.socket.readyState).toBe(sender.client.socket.OPEN);
  });
});
