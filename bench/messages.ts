/*
 * Accept rate of `POST /messages` on one api process: C clients in parallel send N messages (HTTP Basic,
 * keep-alive), each stored in Postgres and queued in BullMQ before its 202. Prints accepted messages per
 * second and request latency p50/p99, for one channel and for ten channels per message. No worker runs, so
 * the figure is the api's alone. Uses REDIS_URL / DATABASE_URL when set, else private servers like
 * `npm test` makes. N from BENCH_MESSAGES (default 20000), C from BENCH_CONCURRENCY (default 64); each run
 * is bounded to 60 s.
 *   npm run bench:messages
 */
import { startPlatform, TEST_APP } from '../test/support';
import { percentile } from './realtime-bench-env';
import { provideBenchServices } from './support/bench-services';
import { concurrentCalls, type CallTimes } from './support/concurrent-calls';

const TOTAL = Number(process.env.BENCH_MESSAGES ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const WARMUP = 1000;
const RUN_TIMEOUT_MS = 60_000;
const AUTH = `Basic ${Buffer.from(`${TEST_APP.key}:${TEST_APP.secret}`).toString('base64')}`;

interface RunResult extends CallTimes {
  accepted: number;
  failed: number;
}

async function run(url: string, count: number, body: (i: number) => string): Promise<RunResult> {
  let accepted = 0;
  let failed = 0;
  const times = await concurrentCalls(count, CONCURRENCY, RUN_TIMEOUT_MS, async (i) => {
    const response = await fetch(`${url}/messages`, {
      method: 'POST',
      headers: { Authorization: AUTH, 'Content-Type': 'application/json' },
      body: body(i),
    });
    await response.arrayBuffer();
    if (response.status === 202) accepted++;
    else failed++;
  });
  return { ...times, accepted, failed };
}

function report(name: string, result: RunResult): void {
  const rate = Math.round(result.accepted / result.seconds);
  const p50 = percentile(result.latencies, 50).toFixed(1);
  const p99 = percentile(result.latencies, 99).toFixed(1);
  console.log(
    `${name}: ${result.accepted} accepted (${result.failed} failed) in ${result.seconds.toFixed(1)} s = ${rate} msg/s; latency p50 ${p50} ms, p99 ${p99} ms`,
  );
}

async function main(): Promise<void> {
  const services = await provideBenchServices('bench-messages');
  // The api as its own process, so the figures are the server's, not the bench's.
  const platform = await startPlatform({ api: { NODE_ENV: 'production', API_THROTTLE_LIMIT: '0' } }).catch(async (error: unknown) => {
    await services.stop();
    throw error;
  });
  const { api } = platform.apps;
  try {
    console.log(`api pid ${api.pid}; ${TOTAL} messages per run, ${CONCURRENCY} concurrent requests`);
    const data = JSON.stringify({ text: 'x'.repeat(200) });
    await run(api.url, WARMUP, () => JSON.stringify({ channel: 'warmup', event: 'e', data }));
    report('1 channel  ', await run(api.url, TOTAL, (i) => JSON.stringify({ channel: `room-${i % 100}`, event: 'said', data })));
    const channels = Array.from({ length: 10 }, (_, i) => `room-${i}`);
    report('10 channels', await run(api.url, TOTAL, () => JSON.stringify({ channels, event: 'said', data })));
  } finally {
    await platform.stop();
    await services.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
