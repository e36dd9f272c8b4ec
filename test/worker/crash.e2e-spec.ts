import type { RunningApp } from '../support';
import { DeliveryEnv } from './support/delivery-env';
import { HoldingProxy } from './support/holding-proxy';

describe('worker: killed in the middle of a job', () => {
  let env: DeliveryEnv;
  let node: RunningApp;
  let proxy: HoldingProxy;

  beforeAll(async () => {
    env = await DeliveryEnv.create();
    node = await env.startRealtime();
    proxy = await HoldingProxy.start(node.port);
  }, 60_000);

  afterAll(async () => {
    await proxy.close();
    await env.teardown();
  }, 60_000);

  it('after SIGKILL the job is taken again, the message is delivered, and subscribers see it once', async () => {
    const subscriber = await env.subscribe(node.port, ['crash']);
    const first = await env.startWorker(proxy.port);
    // The realtime node publishes the trigger, but the worker never hears back: it dies mid-job.
    proxy.hold = true;
    const id = await env.enqueue({ channels: ['crash'], data: JSON.stringify({ n: 1 }) });
    await expect(subscriber.waitFor(1)).resolves.toHaveLength(1);
    await first.kill();
    await expect(env.message(id)).resolves.toMatchObject({ status: 'queued' });

    // A new worker recovers the stalled job and triggers again with the same idempotency key.
    proxy.hold = false;
    await env.startWorker(proxy.port);
    await expect(env.settled([id], 45_000)).resolves.toMatchObject([{ status: 'delivered' }]);
    const sent = proxy.forwarded.filter((body) => body.includes(id));
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(sent.every((body) => (JSON.parse(body) as { idempotency_key?: string }).idempotency_key === id)).toBe(true);
    // Give a duplicate every chance to arrive before counting.
    await new Promise((done) => setTimeout(done, 500));
    expect(subscriber.events).toEqual([{ channel: 'crash', event: 'message', data: { n: 1 } }]);
  }, 90_000);
});
