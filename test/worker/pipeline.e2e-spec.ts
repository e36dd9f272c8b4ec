import { TEST_APP, type RunningApp } from '../support';
import { DeliveryEnv } from './support/delivery-env';

const AUTH = `Basic ${Buffer.from(`${TEST_APP.key}:${TEST_APP.secret}`).toString('base64')}`;

describe('platform: api → worker → realtime', () => {
  let env: DeliveryEnv;
  let node: RunningApp;
  let api: RunningApp;

  beforeAll(async () => {
    env = await DeliveryEnv.create();
    node = await env.startRealtime();
    api = await env.platform.start('api');
    await env.startWorker(node.port);
  }, 60_000);

  afterAll(() => env.teardown(), 60_000);

  it('a message posted to the api reaches a pusher-js subscriber and reads back as delivered', async () => {
    const subscriber = await env.subscribe(node.port, ['lobby']);
    const posted = await fetch(`${api.url}/messages`, {
      method: 'POST',
      headers: { Authorization: AUTH, 'Content-Type': 'application/json' },
      body: JSON.stringify({ channel: 'lobby', event: 'said', data: { text: 'through the pipeline' } }),
    });
    expect(posted.status).toBe(202);
    const { id } = (await posted.json()) as { id: string };
    await expect(subscriber.waitFor(1)).resolves.toEqual([{ channel: 'lobby', event: 'said', data: { text: 'through the pipeline' } }]);
    await expect(env.settled([id])).resolves.toMatchObject([{ status: 'delivered', attempts: 1 }]);
    const status = await fetch(`${api.url}/messages/${id}`, { headers: { Authorization: AUTH } });
    await expect(status.json()).resolves.toMatchObject({ id, status: 'delivered', attempts: 1, error: null });
  }, 30_000);
});
