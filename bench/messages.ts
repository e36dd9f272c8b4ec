/*
 * Accept rate of `POST /messages` on one api process: C clients in parallel send N messages (HTTP Basic,
 * keep-alive), each stored in Postgres and queued in BullMQ before its 202. Prints accepted messages per
 * second and request latency p50/p99, for one channel and for ten channels per message. No worker runs, so
 * the figure is the api's alone. Uses REDIS_URL / DATABASE_URL when set, else private servers like
 * `npm test` makes. N from BENCH_MESSAGES (default 20000), C from BENCH_CONCURRENCY (default 64); each run
 * is bounded to 60 s.
 *   npm run bench:messages
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createTestDatabase, createTestRedis, freePort, TEST_APP } from '../test/support';

const ROOT = resolve(__dirname, '..', '..');
const TOTAL = Number(process.env.BENCH_MESSAGES ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const WARMUP = 1000;
const RUN_TIMEOUT_MS = 60_000;
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

interface RunResult {
  accepted: number;
  failed: number;
  seconds: number;
  latencies: number[];
}

/** Starts the built api as its own process (so the figures are the server's, not the bench's). */
async function startApi(env: Record<string, string>): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/api/src/main.js')], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', API_PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error('the api exited before it was ready');
    if (
      await fetch(`${url}/health/ready`).then(
        (response) => response.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) throw new Error('the api was not ready within 30 s');
    await new Promise((done) => setTimeout(done, 100));
  }
  return {
    url,
    pid: child.pid ?? -1,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function run(url: string, count: number, body: (i: number) => string): Promise<RunResult> {
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  const latencies: number[] = [];
  let next = 0;
  let accepted = 0;
  let failed = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < count && Date.now() < deadline) {
      const i = next++;
      const sent = performance.now();
      const response = await fetch(`${url}/messages`, {
        method: 'POST',
        headers: { Authorization: AUTH, 'Content-Type': 'application/json' },
        body: body(i),
      });
      await response.arrayBuffer();
      latencies.push(performance.now() - sent);
      if (response.status === 202) accepted++;
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  return { accepted, failed, seconds: (performance.now() - started) / 1000, latencies: latencies.sort((a, b) => a - b) };
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
  let services: Services | undefined;
  if (!process.env.REDIS_URL || !process.env.DATABASE_URL) {
    const { provisionServices } = (await importEsm(join(ROOT, 'scripts/lib/services.mjs'))) as {
      provisionServices(options: { dataDir: string; durable: boolean }): Promise<Services>;
    };
    services = await provisionServices({ dataDir: join(ROOT, '.data', 'bench-messages'), durable: false });
    process.env.REDIS_URL = services.redisUrl;
    process.env.DATABASE_URL = services.adminDatabaseUrl ?? services.databaseUrl;
  }
  const [database, redis] = await Promise.all([createTestDatabase(), createTestRedis()]);
  const api = await startApi({ DATABASE_URL: database.url, REDIS_URL: redis.url, REDIS_KEY_PREFIX: redis.prefix, API_THROTTLE_LIMIT: '0' });
  try {
    console.log(`api pid ${api.pid}; ${TOTAL} messages per run, ${CONCURRENCY} concurrent requests`);
    const data = JSON.stringify({ text: 'x'.repeat(200) });
    await run(api.url, WARMUP, () => JSON.stringify({ channel: 'warmup', event: 'e', data }));
    report('1 channel  ', await run(api.url, TOTAL, (i) => JSON.stringify({ channel: `room-${i % 100}`, event: 'said', data })));
    const channels = Array.from({ length: 10 }, (_, i) => `room-${i}`);
    report('10 channels', await run(api.url, TOTAL, () => JSON.stringify({ channels, event: 'said', data })));
  } finally {
    await api.stop();
    await redis.cleanup();
    await database.drop();
    await services?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
