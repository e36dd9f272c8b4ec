import { signChannelAuth, signUserAuth } from '@app/pusher-protocol';
import type { RunningApp } from '../support';
import { RealtimeEnv } from './support/realtime-env';
import { WsClient } from './support/ws-client';

const app = { key: 'app-key', secret: 'app-secret' };
const auth = (socketId: string, channel: string, channelData?: string) => signChannelAuth({ ...app, socketId, channel, channelData });

jest.setTimeout(60_000);

describe('realtime: channels', () => {
  let cluster: RealtimeEnv;
  let node: RunningApp;
  const open: WsClient[] = [];
  const connect = async () => {
    const connection = await WsClient.connect(node.url);
    open.push(connection.client);
    return connection;
  };

  beforeAll(async () => {
    cluster = await RealtimeEnv.create();
    node = await cluster.startNode();
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((client) => client.close()));
  });

  afterAll(() => cluster.teardown());

  it('subscribes to a public channel with data "{}" as a string', async () => {
    const { client } = await connect();
    const reply = await client.subscribe('my-channel');
    expect(JSON.parse(reply.raw)).toEqual({ event: 'pusher_internal:subscription_succeeded', channel: 'my-channel', data: '{}' });
  });

  it('answers a duplicate subscribe with pusher:error code null', async () => {
    const { client } = await connect();
    await client.subscribe('dup');
    client.send({ event: 'pusher:subscribe', data: { channel: 'dup', auth: '' } });
    const error = await client.next((f) => f.event === 'pusher:error');
    expect(error.data).toEqual({ code: null, message: 'Existing subscription to channel dup' });
  });

  it('refuses invalid channel names with pusher:subscription_error', async () => {
    const { client } = await connect();
    const reply = await client.subscribe('bad channel!');
    expect(reply).toMatchObject({ event: 'pusher:subscription_error', data: { type: 'InvalidChannel', status: 400 } });
    const tooLong = await client.subscribe('x'.repeat(201));
    expect(tooLong).toMatchObject({ event: 'pusher:subscription_error' });
    const hash = await client.subscribe('#other');
    expect(hash).toMatchObject({ event: 'pusher:subscription_error' });
  });

  it('checks private channel signatures against this socket id', async () => {
    const { client, socketId } = await connect();
    await expect(client.subscribe('private-ok', { auth: auth(socketId, 'private-ok') })).resolves.toMatchObject({
      event: 'pusher_internal:subscription_succeeded',
    });
    await expect(client.subscribe('private-bad', { auth: auth('1.1', 'private-bad') })).resolves.toMatchObject({
      event: 'pusher:subscription_error',
      data: { type: 'AuthError', status: 401 },
    });
    await expect(client.subscribe('private-none')).resolves.toMatchObject({
      event: 'pusher:subscription_error',
      data: { type: 'AuthError' },
    });
    const wrongKey = `other-key:${auth(socketId, 'private-key').split(':')[1]}`;
    await expect(client.subscribe('private-key', { auth: wrongKey })).resolves.toMatchObject({ event: 'pusher:subscription_error' });
  });

  it('accepts private-encrypted- channels and refuses client events on them', async () => {
    const a = await connect();
    const b = await connect();
    const channel = 'private-encrypted-room';
    await a.client.subscribe(channel, { auth: auth(a.socketId, channel) });
    await b.client.subscribe(channel, { auth: auth(b.socketId, channel) });
    a.client.send({ event: 'client-x', channel, data: { nonce: 'n', ciphertext: 'c' } });
    await expect(a.client.next((f) => f.event === 'pusher:error')).resolves.toMatchObject({ data: { code: null } });
    b.client.send({ event: 'pusher:ping', data: {} });
    await b.client.next((f) => f.event === 'pusher:pong');
    expect(b.client.received('client-x')).toHaveLength(0);
  });

  describe('presence', () => {
    const member = (id: string, info?: unknown) => JSON.stringify(info === undefined ? { user_id: id } : { user_id: id, user_info: info });
    const join = async (client: WsClient, socketId: string, channel: string, data: string) =>
      client.subscribe(channel, { auth: auth(socketId, channel, data), channel_data: data });

    it('sends ids, hash and count including the subscriber, and member events once per user', async () => {
      const channel = 'presence-room';
      const a = await connect();
      const b1 = await connect();
      const b2 = await connect();

      const first = await join(a.client, a.socketId, channel, member('alice', { name: 'Alice' }));
      expect(first.data).toEqual({ presence: { ids: ['alice'], hash: { alice: { name: 'Alice' } }, count: 1 } });

      const second = await join(b1.client, b1.socketId, channel, member('bob'));
      const presence = (second.data as { presence: { ids: string[]; hash: Record<string, unknown>; count: number } }).presence;
      expect(presence.count).toBe(2);
      expect(presence.ids.sort()).toEqual(['alice', 'bob']);
      expect(presence.hash).toEqual({ alice: { name: 'Alice' }, bob: null });

      const added = await a.client.next((f) => f.event === 'pusher_internal:member_added');
      expect(added).toMatchObject({ channel, data: { user_id: 'bob' } });
      expect(typeof (JSON.parse(added.raw) as { data: unknown }).data).toBe('string');

      // bob's second socket: no second member_added; count stays at 2 distinct users
      const third = await join(b2.client, b2.socketId, channel, member('bob'));
      expect((third.data as { presence: { count: number } }).presence.count).toBe(2);

      await b1.client.close();
      a.client.send({ event: 'pusher:ping', data: {} });
      await a.client.next((f) => f.event === 'pusher:pong');
      await b2.client.close();
      const removed = await a.client.next((f) => f.event === 'pusher_internal:member_removed');
      expect(removed).toMatchObject({ channel, data: { user_id: 'bob' } });
      expect(a.client.received('pusher_internal:member_added', channel)).toHaveLength(1);
      expect(a.client.received('pusher_internal:member_removed', channel)).toHaveLength(1);
    });

    it('has no cap of 100 members: 150 distinct users share a channel', async () => {
      const channel = 'presence-crowd';
      const members = await Promise.all(Array.from({ length: 150 }, () => connect()));
      let last: { presence: { count: number; ids: string[] } } | undefined;
      for (const [i, { client, socketId }] of members.entries()) {
        last = (await join(client, socketId, channel, member(`user-${i}`))).data as typeof last;
      }
      expect(last?.presence.count).toBe(150);
      expect(new Set(last?.presence.ids).size).toBe(150);
    });

    it('refuses a presence subscribe whose channel_data does not match the signature', async () => {
      const { client, socketId } = await connect();
      const signed = member('mallory');
      const reply = await client.subscribe('presence-x', { auth: auth(socketId, 'presence-x', signed), channel_data: member('admin') });
      expect(reply).toMatchObject({ event: 'pusher:subscription_error', data: { type: 'AuthError', status: 401 } });
    });

    it('uses the signed-in user as the member when channel_data is absent', async () => {
      const { client, socketId } = await connect();
      const userData = JSON.stringify({ id: 'carol', user_info: { role: 'admin' } });
      client.send({ event: 'pusher:signin', data: { auth: signUserAuth({ ...app, socketId, userData }), user_data: userData } });
      await client.next((f) => f.event === 'pusher:signin_success');
      const reply = await client.subscribe('presence-signed', { auth: auth(socketId, 'presence-signed') });
      expect(reply.data).toEqual({ presence: { ids: ['carol'], hash: { carol: { role: 'admin' } }, count: 1 } });
    });
  });

  describe('user sign-in', () => {
    it('replies pusher:signin_success with the same user_data and allows #server-to-user-{id}', async () => {
      const { client, socketId } = await connect();
      const userData = JSON.stringify({ id: '10', user_info: { name: 'x' } });
      client.send({ event: 'pusher:signin', data: { auth: signUserAuth({ ...app, socketId, userData }), user_data: userData } });
      const success = await client.next((f) => f.event === 'pusher:signin_success');
      expect(success.data).toEqual({ user_data: userData });
      await expect(client.subscribe('#server-to-user-10')).resolves.toMatchObject({ event: 'pusher_internal:subscription_succeeded' });
      await expect(client.subscribe('#server-to-user-11')).resolves.toMatchObject({ event: 'pusher:subscription_error' });
    });

    it('refuses #server-to-user- before sign-in', async () => {
      const { client } = await connect();
      await expect(client.subscribe('#server-to-user-10')).resolves.toMatchObject({ event: 'pusher:subscription_error' });
    });

    it('closes with 4009 on a bad sign-in signature', async () => {
      const { client } = await connect();
      client.send({ event: 'pusher:signin', data: { auth: 'app-key:00', user_data: '{"id":"1"}' } });
      await expect(client.next((f) => f.event === 'pusher:error')).resolves.toMatchObject({ data: { code: 4009 } });
      await expect(client.closed).resolves.toMatchObject({ code: 4009 });
    });
  });

  describe('cache channels', () => {
    it('sends pusher:cache_miss after subscription_succeeded when nothing is cached', async () => {
      const { client } = await connect();
      await client.subscribe('cache-empty');
      const miss = await client.next((f) => f.channel === 'cache-empty');
      expect(JSON.parse(miss.raw)).toEqual({ event: 'pusher:cache_miss', channel: 'cache-empty' });
    });
  });

  describe('client events', () => {
    const pair = async (channel: string) => {
      const a = await connect();
      const b = await connect();
      await a.client.subscribe(channel, { auth: auth(a.socketId, channel) });
      await b.client.subscribe(channel, { auth: auth(b.socketId, channel) });
      return { a, b };
    };
    const settle = async (client: WsClient) => {
      client.send({ event: 'pusher:ping', data: {} });
      await client.next((f) => f.event === 'pusher:pong');
    };

    it('relays client- events to the other subscribers only', async () => {
      const { a, b } = await pair('private-chat');
      a.client.send({ event: 'client-typing', channel: 'private-chat', data: { who: 'a' } });
      const got = await b.client.next((f) => f.event === 'client-typing');
      expect(got).toMatchObject({ channel: 'private-chat', data: { who: 'a' } });
      await settle(a.client);
      expect(a.client.received('client-typing')).toHaveLength(0);
    });

    it('adds user_id on presence channels', async () => {
      const channel = 'presence-chat';
      const a = await connect();
      const b = await connect();
      const da = JSON.stringify({ user_id: 'ann' });
      const db = JSON.stringify({ user_id: 'ben' });
      await a.client.subscribe(channel, { auth: auth(a.socketId, channel, da), channel_data: da });
      await b.client.subscribe(channel, { auth: auth(b.socketId, channel, db), channel_data: db });
      a.client.send({ event: 'client-hi', channel, data: 'hello' });
      await expect(b.client.next((f) => f.event === 'client-hi')).resolves.toMatchObject({ user_id: 'ann', data: 'hello' });
    });

    it('refuses client events on public channels, unsubscribed channels and oversize data, keeping the socket', async () => {
      const { a, b } = await pair('private-limits');
      await a.client.subscribe('public-one');
      a.client.send({ event: 'client-x', channel: 'public-one', data: {} });
      await expect(a.client.next((f) => f.event === 'pusher:error')).resolves.toMatchObject({ data: { code: null } });
      a.client.send({ event: 'client-x', channel: 'private-elsewhere', data: {} });
      await expect(a.client.next((f) => f.event === 'pusher:error')).resolves.toMatchObject({ data: { code: null } });
      a.client.send({ event: 'client-x', channel: 'private-limits', data: 'y'.repeat(11 * 1024) });
      await expect(a.client.next((f) => f.event === 'pusher:error')).resolves.toMatchObject({ data: { code: null } });
      await settle(b.client);
      expect(b.client.received('client-x')).toHaveLength(0);
    });

    it('rate-limits client events per connection with in-band 4301, keeping the connection', async () => {
      const { a, b } = await pair('private-rate');
      for (let i = 0; i < 15; i++) a.client.send({ event: 'client-burst', channel: 'private-rate', data: { i } });
      await expect(a.client.next((f) => f.event === 'pusher:error')).resolves.toMatchObject({ data: { code: 4301 } });
      await settle(a.client);
      await settle(b.client);
      expect(b.client.received('client-burst')).toHaveLength(10);
    });
  });

  it('unsubscribe stops delivery without a reply', async () => {
    const a = await connect();
    const b = await connect();
    await a.client.subscribe('private-unsub', { auth: auth(a.socketId, 'private-unsub') });
    await b.client.subscribe('private-unsub', { auth: auth(b.socketId, 'private-unsub') });
    b.client.send({ event: 'pusher:unsubscribe', data: { channel: 'private-unsub' } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    a.client.send({ event: 'client-after', channel: 'private-unsub', data: {} });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(b.client.received('client-after')).toHaveLength(0);
    expect(b.client.frames.filter((f) => f.channel === 'private-unsub')).toHaveLength(1);
  });
});
