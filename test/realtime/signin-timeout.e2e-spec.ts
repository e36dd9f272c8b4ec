import { signUserAuth } from '@app/pusher-protocol';
import type { RunningApp } from '../support';
import { RealtimeEnv } from './support/realtime-env';
import { WsClient } from './support/ws-client';

jest.setTimeout(30_000);

const app = { key: 'app-key', secret: 'app-secret' };

describe('realtime: authorized connections (REALTIME_SIGNIN_TIMEOUT_SECONDS)', () => {
  let env: RealtimeEnv;
  let node: RunningApp;

  beforeAll(async () => {
    env = await RealtimeEnv.create();
    node = await env.startNode({ REALTIME_SIGNIN_TIMEOUT_SECONDS: '1' });
  });

  afterAll(() => env.teardown());

  it('closes a socket that has not signed in within the timeout with pusher:error 4009 and a 4009 close', async () => {
    const { client } = await WsClient.connect(node.url);
    const error = await client.next((frame) => frame.event === 'pusher:error', 5000);
    expect(error.data).toEqual({ code: 4009, message: 'Connection not authorized within timeout.' });
    await expect(client.closed).resolves.toMatchObject({ code: 4009 });
  });

  it('keeps a socket that signed in in time', async () => {
    const { client, socketId } = await WsClient.connect(node.url);
    const userData = JSON.stringify({ id: 'in-time' });
    client.send({ event: 'pusher:signin', data: { auth: signUserAuth({ ...app, socketId, userData }), user_data: userData } });
    await client.next((frame) => frame.event === 'pusher:signin_success');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    client.send({ event: 'pusher:ping', data: {} });
    await expect(client.next((frame) => frame.event === 'pusher:pong')).resolves.toMatchObject({ event: 'pusher:pong' });
    expect(client.received('pusher:error')).toEqual([]);
    await client.close();
  });
});
