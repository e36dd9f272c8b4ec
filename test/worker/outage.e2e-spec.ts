import { freePort, type RunningApp } from '../support';
import { DeliveryEnv } from './support/delivery-env';

describe('worker: while the realtime endpoint is down', () => {
  let env: DeliveryEnv;
  let targetPort: number;
  let other: RunningApp;

  beforeAll(async () => {
    env = await DeliveryEnv.create();
    targetPort = await freePort();
    // The worker triggers on one node; the subscriber listens on another, so it stays connected
    // through the outage and sees exactly what the cluster published, in order.
    await env.startRealtime(targetPort);
    other = await env.startRealtime();
    await env.startWorker(targetPort);
  }, 60_000);

  afterAll(() => env.teardown(), 60_000);

  it('holds messages queued during a ten-second outage and delivers them in order once it is back', async () => {
    const subscriber = await env.subscribe(other.port, ['orders']);
    const before = await env.enqueue({ channels: ['orders'], data: JSON.stringify({ seq: 0 }) }, { attempts: 10, backoffMs: 500 });
    await expect(env.settled([before])).resolves.toMatchObject([{ status: 'delivered' }]);

    await env.stopRealtime(targetPort);
    const ids: string[] = [];
    for (let i = 1; i <= 20; i++) {
      ids.push(await env.enqueue({ channels: ['orders'], data: JSON.stringify({ seq: i }) }, { attempts: 10, backoffMs: 500 }));
      await new Promise((done) => setTimeout(done, 100));
    }
    await new Promise((done) => setTimeout(done, 8_000));
    const during = await env.messages(ids);
    expect(during.every((row) => row.status === 'queued')).toBe(true);
    // The first message held has been tried and its failure recorded.
    expect(during[0].attempts).toBeGreaterThan(0);
    expect(during[0].last_error).toMatch(/^network error/);

    await env.startRealtime(targetPort);
    const rows = await env.settled(ids, 45_000);
    expect(rows.map((row) => row.status)).toEqual(ids.map(() => 'delivered'));
    const events = await subscriber.waitFor(21);
    expect(events.map((event) => (event.data as { seq: number }).seq)).toEqual(Array.from({ length: 21 }, (_, i) => i));
  }, 90_000);

  it('a worker stopped during an outage hands its messages back in order, and the next worker delivers them', async () => {
    await Promise.all(env.workers.map((worker) => worker.stop()));
    const subscriber = await env.subscribe(other.port, ['handover']);
    const first = await env.startWorker(targetPort);
    await env.stopRealtime(targetPort);
    const ids: string[] = [];
    for (let i = 1; i <= 8; i++)
      ids.push(await env.enqueue({ channels: ['handover'], data: JSON.stringify({ seq: i }) }, { attempts: 10, backoffMs: 500 }));
    // Let the worker take what it can and fail on it at least once.
    await new Promise((done) => setTimeout(done, 2_000));
    await first.stop();
    await expect(first.exited).resolves.toEqual({ code: 0, signal: null });
    const states = await Promise.all(ids.map((id) => env.queue.getJobState(id)));
    expect(states).toEqual(ids.map(() => 'waiting'));
    // The first one had been taken and tried: it was handed back, not merely left untouched.
    expect((await env.message(ids[0])).attempts).toBeGreaterThan(0);

    await env.startRealtime(targetPort);
    await env.startWorker(targetPort);
    const rows = await env.settled(ids, 45_000);
    expect(rows.map((row) => row.status)).toEqual(ids.map(() => 'delivered'));
    const events = await subscriber.waitFor(8);
    expect(events.map((event) => (event.data as { seq: number }).seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  }, 90_000);
});
