/*
 * End-to-end delivery through the whole pipeline: messages are posted to the api's `POST /messages` at
 * a fixed rate, stored and queued, taken by the worker(s), triggered on the realtime server through the
 * pusher SDK, and received by a pusher-js subscriber. Prints delivered messages per second and
 * post-to-receive latency p50/p99, with one worker process and with two. Every app runs as its own
 * built process (`dist/`). Uses REDIS_URL / DATABASE_URL when set, else private servers like `npm test`
 * makes. Rate from BENCH_RATE (messages/s, default 500), duration from BENCH_SECONDS (default 10), at
 * most BENCH_CONCURRENCY (default 64) requests in flight: when the api answers slower than that allows,
 * the achieved post rate (printed) falls below the offered one. Each run is bounded to BENCH_SECONDS + 30 s.
 * Then, to see the workers' own rate apart from the api's: BENCH_BACKLOG (default 2000) messages are
 * posted with no worker running, the worker(s) start, and the bench prints how fast they drain that
 * backlog (from worker start to the last receipt; here the workers batch).
 *   npm run bench:pipeline
 */
import Pusher from 'pusher-js';
import { localPusherOptions, startPlatform, TEST_APP, type RunningApp, type TestPlatform } from '../test/support';
import { percentile } from './realtime-bench-env';
import { provideBenchServices } from './support/bench-services';

const RATE = Number(process.env.BENCH_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const MAX_IN_FLIGHT = Number(process.env.BENCH_CONCURRENCY ?? 64);
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 2000);
const CHANNELS = 10;
const TICK_MS = 10;
const DRAIN_TIMEOUT_MS = 30_000;
const AUTH = `Basic ${Buffer.from(`${TEST_APP.key}:${TEST_APP.secret}`).toString('base64')}`;
// Every app runs as its own built process, so the figures are the servers', not the bench's.
const PRODUCTION = { NODE_ENV: 'production' };

interface RoundResult {
  posted: number;
  postSeconds: number;
  accepted: number;
  received: number;
  seconds: number;
  latencies: number[];
}

/** A pusher-js client on every bench channel; calls `onEvent(seq)` as each message arrives. */
async function subscribe(port: number, run: string, onEvent: (seq: number) => void): Promise<Pusher> {
  const pusher = new Pusher(TEST_APP.key, localPusherOptions(port));
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

/** Tracks receipts of one run's messages by a pusher-js subscriber. */
async function listen(realtime: RunningApp, run: string, total: number) {
  const sentAt = new Float64Array(total);
  const latencies: number[] = [];
  let lastReceived = 0;
  const subscriber = await subscribe(realtime.port, run, (seq) => {
    lastReceived = performance.now();
    latencies.push(lastReceived - sentAt[seq]);
  });
  return {
    sentAt,
    latencies,
    lastReceived: () => lastReceived,
    /** Waits (bounded) until `count` messages arrived, then disconnects. */
    async finish(count: number): Promise<void> {
      const deadline = Date.now() + DRAIN_TIMEOUT_MS;
      while (latencies.length < count && Date.now() < deadline) await new Promise((done) => setTimeout(done, 20));
      subscriber.disconnect();
    },
  };
}

/** Posts `total` messages at up to `rate` per second with at most MAX_IN_FLIGHT requests in flight. */
async function postAll(api: RunningApp, run: string, total: number, rate: number, sentAt: Float64Array) {
  const padding = 'x'.repeat(100);
  let accepted = 0;
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
  const requests: Promise<void>[] = [];
  let inFlight = 0;
  let next = 0;
  // Paced: each tick sends what the schedule says is due, within the in-flight bound.
  while (next < total && performance.now() - started < (SECONDS + 30) * 1000) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate) + 1);
    while (next < due && inFlight < MAX_IN_FLIGHT) {
      inFlight += 1;
      requests.push(
        post(next++)
          .catch(() => undefined)
          .finally(() => (inFlight -= 1)),
      );
    }
    await new Promise((done) => setTimeout(done, TICK_MS));
  }
  await Promise.all(requests);
  return { started, posted: next, accepted, postSeconds: (performance.now() - started) / 1000 };
}

async function round(api: RunningApp, realtime: RunningApp, run: string): Promise<RoundResult> {
  const total = RATE * SECONDS;
  const receipts = await listen(realtime, run, total);
  const { started, posted, accepted, postSeconds } = await postAll(api, run, total, RATE, receipts.sentAt);
  await receipts.finish(accepted);
  return {
    posted,
    postSeconds,
    accepted,
    received: receipts.latencies.length,
    seconds: ((receipts.lastReceived() || performance.now()) - started) / 1000,
    latencies: receipts.latencies.sort((a, b) => a - b),
  };
}

/** Messages sent and calls made by a worker, from its `/metrics` (worker_trigger_batch_size). */
async function batchFigures(worker: RunningApp): Promise<[number, number]> {
  const text = await (await fetch(`${worker.url}/metrics`)).text();
  const value = (name: string) =>
    Number(
      text
        .split('\n')
        .find((line) => line.startsWith(name))
        ?.split(' ')
        .pop() ?? 0,
    );
  return [value('worker_trigger_batch_size_sum'), value('worker_trigger_batch_size_count')];
}

/** Posts a backlog with no worker running, then starts `count` workers and times the drain. */
async function drain(platform: TestPlatform, run: string, count: number, workerEnv: Record<string, string>): Promise<string> {
  const { api, realtime } = platform.apps;
  const receipts = await listen(realtime, run, BACKLOG);
  const { accepted } = await postAll(api, run, BACKLOG, Number.MAX_SAFE_INTEGER, receipts.sentAt);
  const workers = await Promise.all(Array.from({ length: count }, () => platform.start('worker', workerEnv)));
  // Workers start taking jobs a moment before they report ready; time from the first one's start.
  const started = performance.now();
  await receipts.finish(accepted);
  const seconds = ((receipts.lastReceived() || performance.now()) - started) / 1000;
  const calls = await Promise.all(workers.map(batchFigures));
  await Promise.all(workers.map((worker) => worker.stop()));
  const received = receipts.latencies.length;
  const [messages, requests] = calls.reduce(([m, r], [cm, cr]) => [m + cm, r + cr], [0, 0]);
  return (
    `backlog of ${String(accepted)}: ${String(received)} delivered in ${seconds.toFixed(1)} s = ${String(Math.round(received / seconds))} msg/s ` +
    `(${String(requests)} calls to realtime, ${(messages / Math.max(1, requests)).toFixed(1)} messages per call)`
  );
}

function report(name: string, result: RoundResult): void {
  const rate = Math.round(result.received / result.seconds);
  console.log(
    `${name}: posted ${String(result.posted)} at ${String(Math.round(result.posted / result.postSeconds))}/s (${String(result.accepted)} accepted); ` +
      `${String(result.received)} delivered in ` +
      `${result.seconds.toFixed(1)} s = ${String(rate)} msg/s; post-to-receive p50 ${percentile(result.latencies, 50).toFixed(1)} ms, ` +
      `p99 ${percentile(result.latencies, 99).toFixed(1)} ms`,
  );
}

async function main(): Promise<void> {
  const services = await provideBenchServices('bench-pipeline');
  let platform: TestPlatform | undefined;
  try {
    const running = await startPlatform({ realtime: PRODUCTION, api: { ...PRODUCTION, API_THROTTLE_LIMIT: '0' } });
    platform = running;
    const { api, realtime } = running.apps;
    const workerEnv = { ...PRODUCTION, PUSHER_HOST: '127.0.0.1', PUSHER_PORT: String(realtime.port) };
    console.log(
      `offered load ${String(RATE)} msg/s for ${String(SECONDS)} s over ${String(CHANNELS)} channels, ${String(MAX_IN_FLIGHT)} requests in flight at most, 1 subscriber`,
    );
    for (const count of [1, 2]) {
      const workers = await Promise.all(Array.from({ length: count }, () => running.start('worker', workerEnv)));
      const name = `${String(count)} worker${count > 1 ? 's' : ' '}`;
      report(name, await round(api, realtime, `bench${String(count)}`));
      await Promise.all(workers.map((worker) => worker.stop()));
      console.log(`${name}: ${await drain(running, `backlog${String(count)}`, count, workerEnv)}`);
    }
  } finally {
    await platform?.stop();
    await services.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
