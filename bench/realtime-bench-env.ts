/*
 * Shared set-up of the realtime benches (fanout, connections): Redis and PostgreSQL (REDIS_URL /
 * DATABASE_URL when set, else private servers like `npm test` makes), a fresh database and key prefix,
 * and one realtime node as its own process (so the figures are the server's, not the bench's).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createTestDatabase, createTestRedis, freePort } from '../test/support';

const ROOT = resolve(__dirname, '..', '..');
// Node 20 cannot require() ESM, and SWC turns import() into require(); this keeps a real import().
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- a constant string, not user input
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

interface Services {
  redisUrl: string;
  databaseUrl: string;
  adminDatabaseUrl?: string;
  stop(): Promise<void>;
}

export interface BenchNode {
  url: string;
  port: number;
  pid: number;
  /** Resident memory of the node process in bytes, read from its /metrics. */
  rssBytes(): Promise<number>;
  /** CPU time (user + system) the node process used so far, in seconds; unlike wall time, not inflated by other load. */
  cpuSeconds(): Promise<number>;
}

export interface BenchEnv {
  node: BenchNode;
  stop(): Promise<void>;
}

async function waitReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`realtime exited before it was ready:\n${output()}`);
    const ok = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(1000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`realtime not ready within 30 s:\n${output()}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** Provisions what the bench needs and starts one realtime node with `env` on top. */
export async function startBenchEnv(env: Record<string, string> = {}): Promise<BenchEnv> {
  let services: Services | undefined;
  if (!process.env.REDIS_URL || !process.env.DATABASE_URL) {
    const { provisionServices } = (await importEsm(join(ROOT, 'scripts/lib/services.mjs'))) as {
      provisionServices(options: { dataDir: string; durable: boolean }): Promise<Services>;
    };
    services = await provisionServices({ dataDir: join(ROOT, '.data', 'bench-realtime'), durable: false });
    process.env.REDIS_URL = services.redisUrl;
    process.env.DATABASE_URL = services.adminDatabaseUrl ?? services.databaseUrl;
  }
  const [database, redis] = await Promise.all([createTestDatabase(), createTestRedis()]);
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/realtime/src/main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: redis.prefix,
      REALTIME_PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, child, () => output);
  const node: BenchNode = {
    url,
    port,
    pid: child.pid ?? -1,
    rssBytes: () => metric(url, 'process_resident_memory_bytes'),
    cpuSeconds: () => metric(url, 'process_cpu_seconds_total'),
  };
  return {
    node,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
      await redis.cleanup();
      await database.drop();
      await services?.stop();
    },
  };
}

async function metric(url: string, name: string): Promise<number> {
  const metrics = await (await fetch(`${url}/metrics`)).text();
  return Number(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)`, 'm').exec(metrics)?.[1] ?? Number.NaN);
}

/** p-th percentile (0..100) of a sorted array. */
export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
