import WebSocket from 'ws';
import type { RunningApp } from '../support';
import { RealtimeEnv } from './support/realtime-env';
import { WsClient } from './support/ws-client';

jest.setTimeout(60_000);

describe('realtime: connection handshake and refusals', () => {
  let cluster: RealtimeEnv;
  let node: RunningApp;
  let wsUrl: string;

  beforeAll(async () => {
    cluster = await RealtimeEnv.create();
    node = await cluster.startNode();
    wsUrl = node.url.replace(/^http/, 'ws');
  });

  afterAll(() => cluster.teardown());

  it('sends pusher:connection_established with a Pusher-format socket id and activity timeout', async () => {
    const client = await WsClient.open(`${wsUrl}/app/app-key?protocol=7&client=js&version=8.6.0&flash=false`);
    const first = await client.next();
    expect(first.event).toBe('pusher:connection_established');
    const data = first.data as { socket_id: string; activity_timeout: number };
    expect(data.socket_id).toMatch(/^\d+\.\d+$/);
    expect(data.activity_timeout).toBe(120);
    // data travels as a JSON string, as Pusher sends it
    expect(JSON.parse(first.raw)).toEqual({ event: 'pusher:connection_established', data: JSON.stringify(data) });
    await client.close();
  });

  it('answers pusher:ping with pusher:pong', async () => {
    const { client } = await WsClient.connect(node.url);
    client.send({ event: 'pusher:ping', data: {} });
    const pong = await client.next((frame) => frame.event === 'pusher:pong');
    expect(pong.data).toEqual({});
    await client.close();
  });

  it('gives every connection a distinct socket id', async () => {
    const clients = await Promise.all([1, 2, 3, 4, 5].map(() => WsClient.connect(node.url)));
    expect(new Set(clients.map((c) => c.socketId)).size).toBe(5);
    await Promise.all(clients.map((c) => c.client.close()));
  });

  const refusals: [string, string, number][] = [
    ['an unknown app key', '/app/nope?protocol=7', 4001],
    ['a path that is not /app/{key}', '/other/app-key?protocol=7', 4005],
    ['a protocol that is not a number', '/app/app-key?protocol=abc', 4006],
    ['an unsupported protocol', '/app/app-key?protocol=2', 4007],
    ['no protocol', '/app/app-key', 4008],
  ];
  it.each(refusals)('refuses %s with pusher:error and the same close code', async (_what, path, code) => {
    const client = await WsClient.open(`${wsUrl}${path}`);
    const error = await client.next();
    expect(error.event).toBe('pusher:error');
    expect((error.data as { code: number }).code).toBe(code);
    await expect(client.closed).resolves.toMatchObject({ code });
  });

  it('answers frames that are not JSON, lack an event, are binary or too big with pusher:error and stays up', async () => {
    const { client } = await WsClient.connect(node.url);
    client.send('this is not json');
    await expect(client.next((f) => f.event === 'pusher:error')).resolves.toMatchObject({ data: { code: null } });
    client.send('{"data":{}}');
    await expect(client.next((f) => f.event === 'pusher:error')).resolves.toMatchObject({ data: { code: null } });
    client.send('[1,2,3]');
    await expect(client.next((f) => f.event === 'pusher:error')).resolves.toMatchObject({ data: { code: null } });
    client.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    await expect(client.next((f) => f.event === 'pusher:error')).resolves.toMatchObject({ data: { code: null } });
    client.send(JSON.stringify({ event: 'client-x', channel: 'private-a', data: 'x'.repeat(70 * 1024) }));
    await expect(client.next((f) => f.event === 'pusher:error')).resolves.toMatchObject({ data: { code: null } });
    client.send({ event: 'pusher:subscribe', data: 'not an object' });
    await expect(client.next((f) => f.event === 'pusher:error')).resolves.toMatchObject({ data: { code: null } });
    client.send({ event: 'pusher:ping', data: {} });
    await expect(client.next((f) => f.event === 'pusher:pong')).resolves.toMatchObject({ event: 'pusher:pong' });
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
    await client.close();
  });

  it('cuts off a frame far beyond the limit without crashing the node', async () => {
    const { client } = await WsClient.connect(node.url);
    client.send('x'.repeat(1024 * 1024));
    await expect(client.closed).resolves.toMatchObject({ code: 1009 });
    const { client: other } = await WsClient.connect(node.url);
    await other.close();
  });

  it('serves /app/{key} under a configured path prefix', async () => {
    const prefixed = await cluster.startNode({ REALTIME_PATH_PREFIX: '/ws' });
    const base = prefixed.url.replace(/^http/, 'ws');
    const ok = await WsClient.open(`${base}/ws/app/app-key?protocol=7`);
    await expect(ok.next()).resolves.toMatchObject({ event: 'pusher:connection_established' });
    await ok.close();
    const refused = await WsClient.open(`${base}/app/app-key?protocol=7`);
    await expect(refused.closed).resolves.toMatchObject({ code: 4005 });
  });
});
