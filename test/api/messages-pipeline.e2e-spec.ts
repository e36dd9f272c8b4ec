import Pusher from 'pusher-js';
import { localPusherOptions, RunningApp, startPlatform, TEST_APP, TestPlatform } from '../support';

const APP_AUTH = `Basic ${Buffer.from(`${TEST_APP.key}:${TEST_APP.secret}`).toString('base64')}`;
const ADMIN_TOKEN = 'pipeline-admin-token-0123456789';

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** A pusher-js client subscribed to one public channel, recording what it receives. */
async function subscriber(realtime: RunningApp, channel: string): Promise<{ client: Pusher; socketId: string; received: unknown[] }> {
  const client = new Pusher(TEST_APP.key, localPusherOptions(realtime.port));
  const received: unknown[] = [];
  const subscription = client.subscribe(channel);
  subscription.bind('said', (data: unknown) => received.push(data));
  await until(() => (subscription.subscribed ? true : undefined), `subscription to ${channel}`);
  return { client, socketId: client.connection.socket_id, received };
}

describe('api messages pipeline: api → queue → worker → realtime → pusher-js', () => {
  let platform: TestPlatform;
  let api: RunningApp;
  let realtime: RunningApp;

  const publish = (body: unknown) =>
    fetch(`${api.url}/messages`, {
      method: 'POST',
      headers: { Authorization: APP_AUTH, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const status = async (id: string) =>
    (await (await fetch(`${api.url}/messages/${id}`, { headers: { Authorization: APP_AUTH } })).json()) as {
      status: string;
      attempts: number;
      delivered_at: string | null;
    };

  beforeAll(async () => {
    platform = await startPlatform({ realtime: {}, api: { ADMIN_TOKEN }, worker: {} });
    ({ realtime, api } = platform.apps);
  }, 90_000);

  afterAll(async () => {
    await platform?.stop();
  }, 60_000);

  it('a POST /messages is stored, queued, and reaches a pusher-js subscriber once the worker runs', async () => {
    const [reader, sender] = await Promise.all([subscriber(realtime, 'pipeline'), subscriber(realtime, 'pipeline')]);
    try {
      const response = await publish({ channel: 'pipeline', event: 'said', data: { text: 'hello' }, socket_id: sender.socketId });
      expect(response.status).toBe(202);
      const { id } = (await response.json()) as { id: string };

      await expect(until(() => (reader.received.length > 0 ? reader.received : undefined), 'delivery')).resolves.toEqual([
        { text: 'hello' },
      ]);
      const delivered = await until(async () => {
        const current = await status(id);
        return current.status === 'delivered' ? current : undefined;
      }, 'status delivered');
      expect(delivered.attempts).toBe(1);
      expect(delivered.delivered_at).not.toBeNull();

      // A later message reaches both; by then a duplicate, or the excluded sender's copy, would have arrived too.
      await publish({ channel: 'pipeline', event: 'said', data: 'second' });
      await until(() => (reader.received.length === 2 && sender.received.length === 1 ? true : undefined), 'second delivery');
      expect(reader.received).toEqual([{ text: 'hello' }, 'second']);
      expect(sender.received).toEqual(['second']);

      // The dashboard overview sees both sockets (realtime's counters) and the delivered messages.
      const stats = (await (await fetch(`${api.url}/admin/stats`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as {
        connections: Record<string, number>;
        messages_total: Record<string, number>;
      };
      expect(stats.connections[TEST_APP.id]).toBe(2);
      expect(stats.messages_total.delivered).toBeGreaterThanOrEqual(1);
    } finally {
      reader.client.disconnect();
      sender.client.disconnect();
    }
  }, 30_000);
});
