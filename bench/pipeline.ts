/*
 * End-to-end delivery through the whole pipeline: messages are posted to the api's `POST /messages` at
 * a fixed rate, stored and queued, taken by the worker(s), triggered on the realtime server through the
 * pusher SDK, and received by a pusher-js subscriber. Prints delivered messages per second and
 * post-to-receive latency p50/p99, with one worker process and with two. Every app runs as its own
 * built process (`dist/`). Uses REDIS_URL / DATABASE_URL when set, else private servers like `npm test`
 * makes. Rate from BENCH_RATE (messages/s, default 2000), duration from BENCH_SECONDS (default 10);
 * each run is bounded to BENCH_SECONDS + 30 s.
 *   npm run bench:pipeline
 */
import { join, resolve } from 'node:path';
import Pusher from 'pusher-js';
import { createTestDatabase, createTestRedis, RunningApp, startApp, TEST_APP } from '../test/support';

const ROOT = resolve(__dirname, '..', '..');
const RATE = Number(process.env.BENCH_RATE ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CHANNELS = 10;
const TICK_MS = 10;
const DRAIN_TIMEOUT_MS = 30_000;
const AUTH = `Basic ${Buffer.from(`${TEST_APP.key}:${TEST_APP.secret}`).toString('base64')}`;
// Node 20 cannot require() ESM, and SWC turns import() into require(); this keeps a real import().
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- a constant string, not user input
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

interface Services {
  redisUrl: string;
  databaseUrl: string;
  adminDatabaseUrl?: string;
  stop(): Promise<void>;
}

interface RoundResult {
  posted: number;
  accepted: number;
  received: number;
  seconds: number;
  latencies: number[];
}

/** A pusher-js client on every bench channel; calls `onEvent(seq)` as each message arrives. */
async function subscribe(port: number, run: string, onEvent: (seq: number) => void): Promise<Pusher> {
  const pusher = new Pusher(TEST_APP.key, {
    cluster: 'mt1',
    wsHost: '127.0.0.1',
    wsPort: port,
    forceTLS: false,
    enabledTransports: ['ws'],
  });
  await Promise.all(
    Array.from(
      { length: CHANNELS },
      (_, i) =>
        new Promise<void>((done, fail) => {
          const channel = pusher.subscribe(`${run}-${String(i)}`);
          const timer = setTimeout(() => fail(new Error('subscription timed out')), 10_000);
          channel.bind('pusher:subscription_succeeded', () => {
            clearTimeout(timer);
            done();
          });
          channel.bind('m', (data: { s: number }) => onEvent(data.s));
        }),
    ),
  );
  return pusher;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function round(api: RunningApp, realtime: RunningApp, run: string): Promise<RoundResult> {
  const total = RATE * SECONDS;
  const sentAt = new Float64Array(total);
  const latencies: number[] = [];
  let accepted = 0;
  let lastReceived = 0;
  const subscriber = await subscribe(realtime.port, run, (seq) => {
    lastReceived = performance.now();
    latencies.push(lastReceived - sentAt[seq]);
  });
  const padding = 'x'.repeat(100);
  const post = async (seq: number) => {
    sentAt[seq] = performance.now();
    const response = await fetch(`${api.url}/messages`, {
      method: 'POST',
      headers: { Authorization: AUTH, 'Content-Type': 'application/json' },
      body: JSON.stringify({ channel: `${run}-${String(seq % CHANNELS)}`, event: 'm', data: JSON.stringify({ s: seq, padding }) }),
    });
    await response.arrayBuffer();
    if (response.status === 202) accepted += 1;
  };
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  let next = 0;
  // Paced: each tick sends what the schedule says is due, so a slow api does not lower the offered rate.
  while (next < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * RATE) + 1);
    while (next < due) inFlight.push(post(next++).catch(() => undefined));
    await new Promise((done) => setTimeout(done, TICK_MS));
  }
  await Promise.all(inFlight);
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while (latencies.length < accepted && Date.now() < deadline) await new Promise((done) => setTimeout(done, 20));
  subscriber.disconnect();
  return {
    posted: total,
    accepted,
    received: latencies.length,
    seconds: ((lastReceived || performance.now()) - started) / 1000,
    latencies: latencies.sort((a, b) => a - b),
  };
}

function report(name: string, result: RoundResult): void {
  const rate = Math.round(result.received / result.seconds);
  console.log(
    `${name}: ${String(result.received)}/${String(result.accepted)} delivered (${String(result.posted)} posted) in ` +
      `${result.seconds.toFixed(1)} s = ${String(rate)} msg/s; post-to-receive p50 ${percentile(result.latencies, 50).toFixed(1)} ms, ` +
      `p99 ${percentile(result.latencies, 99).toFixed(1)} ms`,
  );
}

async function main(): Promise<void> {
  let services: Services | undefined;
  if (!process.env.REDIS_URL || !process.env.DATABASE_URL) {
    const { provisionServices } = (await importEsm(join(ROOT, 'scripts/lib/services.mjs'))) as {
      provisionServices(options: { dataDir: string; durable: boolean }): Promise<Services>;
    };
    services = await provisionServices({ dataDir: join(ROOT, '.data', 'bench-pipeline'), durable: false });
    process.env.REDIS_URL = services.redisUrl;
    process.env.DATABASE_URL = services.adminDatabaseUrl ?? services.databaseUrl;
  }
  const [database, redis] = await Promise.all([createTestDatabase(), createTestRedis()]);
  const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, REDIS_KEY_PREFIX: redis.prefix, NODE_ENV: 'production' };
  const apps: RunningApp[] = [];
  try {
    const realtime = await startApp('realtime', env);
    apps.push(realtime);
    const api = await startApp('api', { ...env, API_THROTTLE_LIMIT: '0' });
    apps.push(api);
    const workerEnv = { ...env, PUSHER_HOST: '127.0.0.1', PUSHER_PORT: String(realtime.port) };
    console.log(`offered load ${String(RATE)} msg/s for ${String(SECONDS)} s over ${String(CHANNELS)} channels, 1 subscriber`);
    for (const count of [1, 2]) {
      const workers = await Promise.all(Array.from({ length: count }, () => startApp('worker', workerEnv)));
      report(`${String(count)} worker${count > 1 ? 's' : ' '}`, await round(api, realtime, `bench${String(count)}`));
      await Promise.all(workers.map((worker) => worker.stop()));
    }
  } finally {
    await Promise.all(apps.map((app) => app.stop()));
    await redis.cleanup();
    await database.drop();
    await services?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
