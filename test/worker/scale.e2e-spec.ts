import type { RunningApp } from '../support';
import { DeliveryEnv } from './support/delivery-env';

async function completed(worker: RunningApp): Promise<number> {
  const text = await (await fetch(`${worker.url}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith('worker_jobs_completed_total'));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('worker: several processes on one queue', () => {
  let env: DeliveryEnv;
  let node: RunningApp;

  beforeAll(async () => {
    env = await DeliveryEnv.create();
    node = await env.startRealtime();
  }, 60_000);

  afterAll(() => env.teardown(), 60_000);

  it('two workers share the messages, each delivered once', async () => {
    const subscriber = await env.subscribe(node.port, ['shared']);
    const workers = await Promise.all([env.startWorker(node.port), env.startWorker(node.port)]);
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) ids.push(await env.enqueue({ channels: ['shared'], data: JSON.stringify({ i }) }));
    const rows = await env.settled(ids);
    expect(rows.every((row) => row.status === 'delivered')).toBe(true);
    const events = await subscriber.waitFor(200);
    const seen = events.map((event) => (event.data as { i: number }).i);
    expect(new Set(seen).size).toBe(200);
    expect(seen).toHaveLength(200);
    const counts = await Promise.all(workers.map(completed));
    expect(counts[0] + counts[1]).toBe(200);
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[1]).toBeGreaterThan(0);
  }, 60_000);

  it('a worker stopped with SIGTERM finishes what it holds and exits 0', async () => {
    const worker = await env.startWorker(node.port);
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(await env.enqueue({ channels: ['drain'], data: '{}' }));
    await worker.stop();
    await expect(worker.exited).resolves.toEqual({ code: 0, signal: null });
    const rows = await env.settled(ids);
    expect(rows.every((row) => row.status === 'delivered')).toBe(true);
  }, 60_000);
});
