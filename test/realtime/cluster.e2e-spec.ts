import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import type Pusher from 'pusher-js';
import type { PresenceChannel } from 'pusher-js';
import type { RunningApp } from '../support';
import ServerSdk from 'pusher';
import { collect, connectPusherJs, eventually, subscribed, TEST_ENCRYPTION_MASTER_KEY } from './support/pusher-js-client';
import { RealtimeEnv } from './support/realtime-env';
import { WsClient } from './support/ws-client';

jest.setTimeout(60_000);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('realtime: two nodes on one Redis, with pusher-js and the pusher SDK', () => {
  let cluster: RealtimeEnv;
  let nodeA: RunningApp;
  let nodeB: RunningApp;
  const clients: Pusher[] = [];
  const connect = async (node: RunningApp, user?: { id: string; info?: Record<string, unknown> }) => {
    const client = await connectPusherJs(node, { user });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    cluster = await RealtimeEnv.create();
    [nodeA, nodeB] = await Promise.all([cluster.startNode(), cluster.startNode()]);
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
  });

  afterAll(() => cluster.teardown());

  it('delivers an event triggered over REST on node A to subscribers on both nodes, once each', async () => {
    const onA = await connect(nodeA);
    const onB = await connect(nodeB);
    const gotA = collect(await subscribed(onA, 'news'), 'headline');
    const gotB = collect(await subscribed(onB, 'news'), 'headline');
    await RealtimeEnv.sdk(nodeA).trigger('news', 'headline', { title: 'hello' });
    await eventually(() => gotA.length === 1 && gotB.length === 1, 5000, 'delivery on both nodes');
    await pause(200);
    expect(gotA).toEqual([{ title: 'hello' }]);
    expect(gotB).toEqual([{ title: 'hello' }]);
  });

  it('passes the data string through byte for byte', async () => {
    const raw = await WsClient.connect(nodeB.url);
    await raw.client.subscribe('bytes');
    const data = '{"b":1,  "a":[ 2 ]}';
    await RealtimeEnv.sdk(nodeA).trigger('bytes', 'evt', data);
    const frame = await raw.client.next((f) => f.event === 'evt');
    expect(frame.raw).toBe(JSON.stringify({ event: 'evt', channel: 'bytes', data }));
    await raw.client.close();
  });

  it('excludes the socket_id given to trigger, on whichever node it is', async () => {
    const sender = await connect(nodeB);
    const other = await connect(nodeB);
    const senderGot = collect(await subscribed(sender, 'excl'), 'e');
    const otherGot = collect(await subscribed(other, 'excl'), 'e');
    await RealtimeEnv.sdk(nodeA).trigger('excl', 'e', {}, { socket_id: sender.connection.socket_id });
    await eventually(() => otherGot.length === 1);
    await pause(200);
    expect(senderGot).toHaveLength(0);
  });

  it('relays client events across nodes, never to the sender', async () => {
    const a = await connect(nodeA);
    const b = await connect(nodeB);
    const channelA = await subscribed(a, 'private-cross');
    const gotA = collect(channelA, 'client-ping');
    const gotB = collect(await subscribed(b, 'private-cross'), 'client-ping');
    channelA.trigger('client-ping', { n: 1 });
    await eventually(() => gotB.length === 1);
    await pause(200);
    expect(gotB).toEqual([{ n: 1 }]);
    expect(gotA).toHaveLength(0);
  });

  it('forwards private-encrypted- events untouched: pusher-js decrypts what the SDK encrypted', async () => {
    const client = await connect(nodeB);
    const got = collect(await subscribed(client, 'private-encrypted-vault'), 'secret');
    const sdk = new ServerSdk({
      appId: 'app-id',
      key: 'app-key',
      secret: 'app-secret',
      host: '127.0.0.1',
      port: String(nodeA.port),
      useTLS: false,
      encryptionMasterKeyBase64: TEST_ENCRYPTION_MASTER_KEY,
    });
    await sdk.trigger('private-encrypted-vault', 'secret', { pin: 1234 });
    await eventually(() => got.length === 1);
    expect(got).toEqual([{ pin: 1234 }]);
  });

  it('replays the last event of a cache channel to a later subscriber on another node', async () => {
    await RealtimeEnv.sdk(nodeA).trigger('cache-scores', 'score', { home: 2 });
    const late = await connect(nodeB);
    const channel = late.subscribe('cache-scores');
    const got = collect(channel, 'score');
    const misses = collect(channel, 'pusher:cache_miss');
    await eventually(() => got.length === 1);
    expect(got).toEqual([{ home: 2 }]);
    expect(misses).toHaveLength(0);
  });

  it('sends to a signed-in user on another node, and terminates that user cluster-wide with 4009', async () => {
    const client = await connect(nodeB, { id: 'user-7' });
    const got = collect(client.user, 'direct');
    client.signin();
    await eventually(() => (client.user as unknown as { user_data: unknown }).user_data !== null, 5000, 'signin');
    await pause(300); // the #server-to-user- subscription follows the sign-in
    await RealtimeEnv.sdk(nodeA).sendToUser('user-7', 'direct', { hi: true });
    await eventually(() => got.length === 1);
    expect(got).toEqual([{ hi: true }]);

    const states: string[] = [];
    client.connection.bind('state_change', ({ current }: { current: string }) => states.push(current));
    await RealtimeEnv.sdk(nodeA).terminateUserConnections('user-7');
    await eventually(() => states.includes('disconnected'), 5000, 'terminated');
    await pause(1500);
    expect(client.connection.state).toBe('disconnected');
  });

  it('keeps presence consistent across nodes, with member events once per user', async () => {
    const alice = await connect(nodeA, { id: 'alice', info: { name: 'Alice' } });
    const aliceChannel = (await subscribed(alice, 'presence-lobby')) as PresenceChannel;
    const added = collect(aliceChannel, 'pusher:member_added');
    const removed = collect(aliceChannel, 'pusher:member_removed');

    const bob1 = await connect(nodeB, { id: 'bob' });
    const bobChannel = (await subscribed(bob1, 'presence-lobby')) as PresenceChannel;
    expect(bobChannel.members.count).toBe(2);
    expect(bobChannel.members.get('alice')).toEqual({ id: 'alice', info: { name: 'Alice' } });
    await eventually(() => added.length === 1);
    expect(aliceChannel.members.count).toBe(2);

    const bob2 = await connect(nodeA, { id: 'bob' });
    await subscribed(bob2, 'presence-lobby');
    const users = (await (await RealtimeEnv.sdk(nodeB).get({ path: '/channels/presence-lobby/users' })).json()) as {
      users: { id: string }[];
    };
    expect(users.users.map((u) => u.id).sort()).toEqual(['alice', 'bob']);
    const info = (await (
      await RealtimeEnv.sdk(nodeA).get({ path: '/channels/presence-lobby', params: { info: 'user_count,subscription_count' } })
    ).json()) as Record<string, unknown>;
    expect(info).toMatchObject({ occupied: true, user_count: 2, subscription_count: 3 });

    bob1.disconnect();
    await pause(500);
    expect(removed).toHaveLength(0);
    bob2.disconnect();
    await eventually(() => removed.length === 1);
    expect(added).toHaveLength(1);
    expect(aliceChannel.members.count).toBe(1);
  });
});

describe('realtime: node failure and shutdown', () => {
  let cluster: RealtimeEnv;
  let survivor: RunningApp;
  let receiver: Server;
  const hooks: { name: string; channel: string; user_id?: string }[] = [];

  beforeAll(async () => {
    cluster = await RealtimeEnv.create();
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        hooks.push(...(JSON.parse(body) as { events: { name: string; channel: string; user_id?: string }[] }).events);
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    const db = new Client({ connectionString: cluster.database.url });
    await db.connect();
    await db.query(`UPDATE apps SET webhooks = $1 WHERE id = 'app-id'`, [JSON.stringify([{ url }])]);
    await db.end();
    survivor = await cluster.startNode();
  });

  afterAll(async () => {
    await cluster.teardown();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('reaps the presence members of a node killed with SIGKILL, with member_removed, in bounded time', async () => {
    const doomed = await cluster.startNode();
    const watcher = await connectPusherJs(survivor, { user: { id: 'watcher' } });
    const channel = (await subscribed(watcher, 'presence-ops')) as PresenceChannel;
    const removed = collect(channel, 'pusher:member_removed') as { id: string }[];
    const victim = await connectPusherJs(doomed, { user: { id: 'victim' } });
    await subscribed(victim, 'presence-ops');
    await eventually(() => channel.members.count === 2);
    const victimHooks = () => hooks.filter((hook) => hook.channel === 'presence-ops' && hook.user_id === 'victim').map((hook) => hook.name);
    // Delivered before the kill: a delivery the dying node had taken is only retried after BullMQ's stall check.
    await eventually(() => victimHooks().length === 1, 5000, 'member_added webhook');

    const killedAt = Date.now();
    await doomed.kill();
    await eventually(() => removed.length === 1, 15_000, 'member_removed after SIGKILL');
    const reapedWithinMs = Date.now() - killedAt;
    expect(removed[0].id).toBe('victim');
    expect(reapedWithinMs).toBeLessThan(15_000);
    const users = (await (await RealtimeEnv.sdk(survivor).get({ path: '/channels/presence-ops/users' })).json()) as {
      users: { id: string }[];
    };
    expect(users.users).toEqual([{ id: 'watcher' }]);
    await eventually(() => victimHooks().length === 2, 5000, 'member_removed webhook');
    expect(victimHooks()).toEqual(['member_added', 'member_removed']);
    victim.disconnect();
    watcher.disconnect();
  });

  it('on SIGTERM tells clients to reconnect now (4200) and removes their members at once', async () => {
    const leaving = await cluster.startNode();
    const watcher = await connectPusherJs(survivor, { user: { id: 'stayer' } });
    const channel = (await subscribed(watcher, 'presence-drain')) as PresenceChannel;
    const removed = collect(channel, 'pusher:member_removed');
    const raw = await WsClient.connect(leaving.url);
    const { signChannelAuth } = await import('@app/pusher-protocol');
    const data = JSON.stringify({ user_id: 'leaver' });
    await raw.client.subscribe('presence-drain', {
      auth: signChannelAuth({ key: 'app-key', secret: 'app-secret', socketId: raw.socketId, channel: 'presence-drain', channelData: data }),
      channel_data: data,
    });
    await eventually(() => channel.members.count === 2);

    const stopping = leaving.stop();
    await expect(raw.client.closed).resolves.toMatchObject({ code: 4200 });
    await eventually(() => removed.length === 1, 5000, 'member_removed on drain');
    await stopping;
    await expect(leaving.exited).resolves.toMatchObject({ code: 0 });
    watcher.disconnect();
  });
});
