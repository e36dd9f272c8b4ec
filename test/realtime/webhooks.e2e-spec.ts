import { createServer, IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signChannelAuth } from '@app/pusher-protocol';
import Pusher from 'pusher';
import type { RunningApp } from '../support';
import { RealtimeEnv } from './support/realtime-env';
import { WsClient } from './support/ws-client';

jest.setTimeout(60_000);

const hookApp = { id: 'hook', key: 'hook-key', secret: 'hook-secret' };

interface Delivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/** A local webhook receiver: records every request; each path answers as its behaviour says. */
class Receiver {
  readonly deliveries: Delivery[] = [];
  private server?: Server;
  /** Paths answering 503 while listed. */
  readonly down = new Set<string>(['/down']);
  private flakyFailures = 2;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => this.answer(request.url ?? '', request.headers, Buffer.concat(chunks).toString('utf8'), response));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Deliveries to `path` answered 2xx, waiting (bounded) until `enough` says they suffice. */
  async until(path: string, enough: (deliveries: Delivery[]) => boolean, timeoutMs = 10_000): Promise<Delivery[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const matching = this.deliveries.filter((delivery) => delivery.path === path);
      if (enough(matching)) return matching;
      if (Date.now() > deadline) throw new Error(`no such deliveries to ${path} within ${timeoutMs} ms; got ${JSON.stringify(matching)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  private answer(path: string, headers: IncomingHttpHeaders, body: string, response: ServerResponse): void {
    if (path === '/hang') {
      this.deliveries.push({ path, headers, body, status: 0 });
      return; // never answers
    }
    let status = 200;
    if (this.down.has(path)) status = 503;
    if (path === '/flaky' && this.flakyFailures > 0) {
      this.flakyFailures -= 1;
      status = 500;
    }
    this.deliveries.push({ path, headers, body, status });
    response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'not now');
  }
}

const events = (deliveries: Delivery[]) =>
  deliveries.flatMap((delivery) => (JSON.parse(delivery.body) as { events: Record<string, unknown>[] }).events);
const named = (name: string, channel: string) => (deliveries: Delivery[]) =>
  events(deliveries.filter((delivery) => delivery.status === 200)).some((event) => event.name === name && event.channel === channel);

describe('realtime: webhooks', () => {
  const receiver = new Receiver();
  const sdk = new Pusher({ appId: hookApp.id, key: hookApp.key, secret: hookApp.secret, host: '127.0.0.1' });
  let cluster: RealtimeEnv;
  let node: RunningApp;
  const open: WsClient[] = [];

  const connect = async (target = node) => {
    const connection = await WsClient.connect(target.url, hookApp.key);
    open.push(connection.client);
    return connection;
  };

  const expectSigned = (delivery: Delivery) => {
    expect(delivery.headers['content-type']).toBe('application/json');
    expect(delivery.headers['x-pusher-key']).toBe(hookApp.key);
    expect(sdk.webhook({ headers: delivery.headers, rawBody: delivery.body }).isValid()).toBe(true);
  };

  beforeAll(async () => {
    const base = await receiver.start();
    cluster = await RealtimeEnv.create();
    await cluster.addApp({
      ...hookApp,
      client_events_enabled: true,
      subscription_count_enabled: true,
      webhooks: JSON.stringify([
        { url: `${base}/all` },
        { url: `${base}/members`, events: ['member_added', 'member_removed'] },
        { url: `${base}/flaky`, events: ['cache_miss'] },
        { url: `${base}/hang`, events: ['client_event'] },
        { url: `${base}/down`, events: ['channel_vacated'] },
      ]),
    });
    const timings = {
      REALTIME_WEBHOOK_BATCH_MS: '300',
      REALTIME_WEBHOOK_BACKOFF_MS: '50',
      REALTIME_WEBHOOK_ATTEMPTS: '30',
      REALTIME_WEBHOOK_TIMEOUT_MS: '500',
    };
    node = await cluster.startNode(timings);
    // A second node shares the queue, so deliveries outlive the first one.
    await cluster.startNode(timings);
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((client) => client.close()));
  });

  afterAll(async () => {
    await cluster.teardown();
    await receiver.stop();
  });

  it('reports channel_occupied and channel_vacated, signed so the pusher SDK accepts them', async () => {
    const { client } = await connect();
    await client.subscribe('hooked');
    const occupied = await receiver.until('/all', named('channel_occupied', 'hooked'));
    client.send({ event: 'pusher:unsubscribe', data: { channel: 'hooked' } });
    const all = await receiver.until('/all', named('channel_vacated', 'hooked'));
    for (const delivery of all) expectSigned(delivery);
    const body = JSON.parse(occupied[0].body) as { time_ms: number; events: unknown[] };
    expect(Math.abs(body.time_ms - Date.now())).toBeLessThan(60_000);
    const parsed = sdk.webhook({ headers: all[0].headers, rawBody: all[0].body });
    expect(parsed.getEvents().length).toBeGreaterThan(0);
  });

  it('sends the events of one window in one body, and each receiver only the events it asked for', async () => {
    const { client, socketId } = await connect();
    const channel = 'presence-batched';
    const channelData = JSON.stringify({ user_id: 'u1', user_info: { name: 'One' } });
    await client.subscribe(channel, { auth: signChannelAuth({ ...hookApp, socketId, channel, channelData }), channel_data: channelData });
    const all = await receiver.until('/all', named('member_added', channel));
    const joined = all.find((delivery) => delivery.body.includes(`"member_added","channel":"${channel}"`))!;
    expect((JSON.parse(joined.body) as { events: unknown[] }).events).toEqual([
      { name: 'channel_occupied', channel },
      { name: 'member_added', channel, user_id: 'u1' },
    ]);
    expectSigned(joined);

    const members = await receiver.until('/members', named('member_added', channel));
    expect(events(members).filter((event) => event.channel === channel)).toEqual([{ name: 'member_added', channel, user_id: 'u1' }]);
    for (const delivery of members) expectSigned(delivery);

    await client.close();
    const left = await receiver.until('/members', named('member_removed', channel));
    expect(events(left).every((event) => event.name === 'member_added' || event.name === 'member_removed')).toBe(true);
  });

  it('reports client events with their data as a string, while a receiver that never answers is retried apart', async () => {
    const sender = await connect();
    const channel = 'private-chat';
    await sender.client.subscribe(channel, { auth: signChannelAuth({ ...hookApp, socketId: sender.socketId, channel }) });
    const listener = await connect();
    await listener.client.subscribe(channel, { auth: signChannelAuth({ ...hookApp, socketId: listener.socketId, channel }) });
    sender.client.send({ event: 'client-typing', channel, data: { who: 'me' } });
    await listener.client.next((frame) => frame.event === 'client-typing');

    const all = await receiver.until('/all', named('client_event', channel));
    expect(events(all).find((event) => event.name === 'client_event')).toEqual({
      name: 'client_event',
      channel,
      event: 'client-typing',
      data: '{"who":"me"}',
      socket_id: sender.socketId,
    });
    // /hang times out (500 ms) and is tried again; sockets and other receivers do not wait for it.
    await receiver.until('/hang', (deliveries) => deliveries.length >= 2);
    sender.client.send({ event: 'client-typing', channel, data: 'again' });
    await expect(listener.client.next((frame) => frame.event === 'client-typing', 1000)).resolves.toMatchObject({ data: 'again' });
  });

  it('reports cache_miss and subscription_count, retrying a failing receiver until it accepts', async () => {
    const { client } = await connect();
    await client.subscribe('cache-empty');
    await receiver.until('/all', named('cache_miss', 'cache-empty'));
    await receiver.until('/all', (deliveries) =>
      events(deliveries).some(
        (event) => event.name === 'subscription_count' && event.channel === 'cache-empty' && event.subscription_count === 1,
      ),
    );

    const flaky = await receiver.until('/flaky', (deliveries) => deliveries.some((delivery) => delivery.status === 200));
    expect(flaky.map((delivery) => delivery.status)).toEqual([500, 500, 200]);
    expect(new Set(flaky.map((delivery) => delivery.body)).size).toBe(1);
    expectSigned(flaky[2]);
  });

  it('keeps a queued delivery when the node that queued it stops: another node delivers it', async () => {
    const { client } = await connect(node);
    await client.subscribe('survivor');
    client.send({ event: 'pusher:unsubscribe', data: { channel: 'survivor' } });
    await receiver.until('/down', (deliveries) => events(deliveries).some((event) => event.channel === 'survivor'));
    await client.close();
    await node.stop();
    receiver.down.delete('/down');
    const delivered = await receiver.until('/down', named('channel_vacated', 'survivor'), 20_000);
    expectSigned(delivered.find((delivery) => delivery.status === 200)!);
  });
});
