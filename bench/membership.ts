/*
 * The membership registry on a real Redis (REDIS_URL when set, else a private redis-server): subscribe,
 * refresh (heartbeat) and unsubscribe throughput with BENCH_CONCURRENCY callers in flight (default 64,
 * as concurrent api requests would be), then the latency of listing a page of one channel holding
 * BENCH_MEMBERS members (default 100,000). Calls go through RedisMembershipRepository, the code the api
 * runs, without HTTP in front. Each phase is bounded to 60 s.
 *   npm run bench:membership
 */
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@app/config';
import { PLATFORMS } from '@app/contracts';
import { createRedisConnection, membershipKeys, RedisKeys } from '@app/redis';
import { RedisMembershipRepository, withMembershipScripts } from '../apps/api/src/pusher/membership/redis-membership.repository';
import { percentile } from './realtime-bench-env';
import { concurrentCalls } from './support/concurrent-calls';

const ROOT = resolve(__dirname, '..', '..');
const OPS = Number(process.env.BENCH_OPS ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const PAGE_SAMPLES = 300;
const PHASE_MS = 60_000;
const APP = 'bench-app';

// Node 20 cannot require() ESM, and SWC turns import() into require(); this keeps a real import().
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- a constant string, not user input
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

/** Runs `count` operations with `CONCURRENCY` in flight; prints ops/s and latency percentiles (ms). */
async function measure(label: string, count: number, op: (i: number) => Promise<unknown>): Promise<void> {
  const { latencies, seconds } = await concurrentCalls(count, CONCURRENCY, PHASE_MS, op);
  console.log(
    `${label.padEnd(34)} ${String(latencies.length).padStart(7)} ops  ${Math.round(latencies.length / seconds)
      .toString()
      .padStart(7)} ops/s  p50 ${percentile(latencies, 50).toFixed(2)} ms  p99 ${percentile(latencies, 99).toFixed(2)} ms`,
  );
}

async function main(): Promise<void> {
  let stopRedis: (() => Promise<void>) | undefined;
  let url = process.env.REDIS_URL;
  if (!url) {
    const { startRedis } = (await importEsm(join(ROOT, 'scripts/lib/redis.mjs'))) as {
      startRedis(options: { dir: string; durable: boolean }): Promise<{ url: string; stop(): Promise<void> }>;
    };
    const server = await startRedis({ dir: join(ROOT, '.data', 'bench-membership'), durable: false });
    url = server.url;
    stopRedis = () => server.stop();
  }
  const redis = createRedisConnection(url, 'bench-membership');
  await once(redis, 'ready');
  const keys = new RedisKeys(`bench-${Date.now()}:`);
  const config = new ConfigService({ api: { membership: { ttlSeconds: 120, sweepIntervalSeconds: 30 } } });
  const registry = new RedisMembershipRepository({ connection: redis }, keys, config as unknown as ConfigService<AppConfig, true>);
  try {
    console.log(`membership registry on ${url}: ${OPS} ops per phase, ${CONCURRENCY} in flight, ${MEMBERS} members in the big channel`);
    // Spread over 100 channels, as many rooms would be.
    const entry = (i: number) => ({
      socketId: `1.${i}`,
      channel: `presence-room-${i % 100}`,
      userId: `user-${i % (OPS / 2)}`,
      platform: PLATFORMS[i % 3],
    });
    await measure('subscribe (new entry)', OPS, (i) => registry.subscribe(APP, entry(i)));
    await measure('subscribe (refresh, heartbeat)', OPS, (i) => registry.subscribe(APP, entry(i)));
    await measure('unsubscribe (one channel)', OPS, (i) => registry.unsubscribe(APP, `1.${i}`, { channel: entry(i).channel }));

    const scripted = withMembershipScripts(redis);
    const k = membershipKeys(keys, APP);
    const loadStarted = performance.now();
    const now = String(Date.now());
    for (let start = 0; start < MEMBERS; start += 5000) {
      const pipeline = scripted.pipeline() as unknown as { pmMembershipSubscribe(...args: string[]): void; exec(): Promise<unknown> };
      for (let i = start; i < Math.min(MEMBERS, start + 5000); i++) {
        pipeline.pmMembershipSubscribe(
          k.activeChannels(),
          k.stem,
          'presence-big',
          `2.${i}`,
          `member-${String(i).padStart(7, '0')}`,
          PLATFORMS[i % 3],
          now,
        );
      }
      await pipeline.exec();
    }
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    console.log(
      `${'load big channel (pipelined)'.padEnd(34)} ${String(MEMBERS).padStart(7)} ops  ${Math.round(MEMBERS / loadSeconds)
        .toString()
        .padStart(7)} ops/s`,
    );

    for (const limit of [100, 1000]) {
      const latencies: number[] = [];
      for (let sample = 0; sample < PAGE_SAMPLES; sample++) {
        const cursor = sample === 0 ? undefined : `member-${String(Math.floor(Math.random() * MEMBERS)).padStart(7, '0')}`;
        const t = performance.now();
        const page = await registry.listMembers(APP, 'presence-big', { cursor, limit });
        latencies.push(performance.now() - t);
        if (page.total !== MEMBERS) throw new Error(`expected ${MEMBERS} members, read ${page.total}`);
      }
      latencies.sort((a, b) => a - b);
      console.log(
        `${`list a page of ${limit} of ${MEMBERS}`.padEnd(34)} ${String(PAGE_SAMPLES).padStart(7)} reads  p50 ${percentile(latencies, 50).toFixed(2)} ms  p99 ${percentile(latencies, 99).toFixed(2)} ms`,
      );
    }
    const clearStarted = performance.now();
    const removed = await registry.clearChannel(APP, 'presence-big', Date.now() + 1);
    console.log(
      `${'clear big channel (channel_vacated)'.padEnd(34)} ${String(removed).padStart(7)} entries in ${((performance.now() - clearStarted) / 1000).toFixed(2)} s`,
    );
  } finally {
    const stream = redis.scanStream({ match: `${keys.prefix}*`, count: 1000 });
    for await (const batch of stream) if ((batch as string[]).length > 0) await redis.unlink(...(batch as string[]));
    await redis.quit();
    await stopRedis?.();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
