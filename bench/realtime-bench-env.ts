/*
 * Shared set-up of the realtime benches (fanout, connections): Redis and PostgreSQL (REDIS_URL /
 * DATABASE_URL when set, else private servers like `npm test` makes), a fresh database and key prefix,
 * and one realtime node as its own process (so the figures are the server's, not the bench's).
 */
import { startPlatform } from '../test/support';
import { provideBenchServices } from './support/bench-services';

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

/** Provisions what the bench needs and starts one realtime node with `env` on top. */
export async function startBenchEnv(env: Record<string, string> = {}): Promise<BenchEnv> {
  const services = await provideBenchServices('bench-realtime');
  const platform = await startPlatform({ realtime: { NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env } });
  const { url, port, pid } = platform.apps.realtime;
  return {
    node: {
      url,
      port,
      pid,
      rssBytes: () => metric(url, 'process_resident_memory_bytes'),
      cpuSeconds: () => metric(url, 'process_cpu_seconds_total'),
    },
    async stop() {
      await platform.stop();
      await services.stop();
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
