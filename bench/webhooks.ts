/*
 * Webhook pipeline of one realtime node: W WebSocket clients each occupy and vacate C channels; every
 * change becomes a webhook event, batched per app, queued in BullMQ and POSTed to a local receiver.
 * Prints events per second, events per request (batching), and change-to-receipt latency p50/p99,
 * once with a receiver answering at once and once with one taking BENCH_SLOW_MS (default 200 ms) per
 * request, with the subscribe round trip of the sockets alongside to show a slow receiver does not hold
 * them up. Sizes from BENCH_WEBHOOK_CLIENTS (default 50) and BENCH_WEBHOOK_CHANNELS (default 100);
 * each run is bounded to 60 s.
 *   npm run bench:webhooks
 */
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import WebSocket from 'ws';
import { createTestDatabase } from '../test/support';
import { percentile, startBenchEnv, type BenchNode } from './realtime-bench-env';

const CLIENTS = Number(process.env.BENCH_WEBHOOK_CLIENTS ?? 50);
const CHANNELS = Number(process.env.BENCH_WEBHOOK_CHANNELS ?? 100);
const SLOW_MS = Number(process.env.BENCH_SLOW_MS ?? 200);
const RUN_TIMEOUT_MS = 60_000;
const ROOT = resolve(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- a constant string: keeps a real import() of ESM under SWC
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

/** Counts webhook events by `name:channel`, stamping when each arrived. */
class Receiver {
  readonly arrivals = new Map<string, number>();
  requests = 0;
  delayMs = 0;
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const now = performance.now();
      this.requests++;
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { events: { name: string; channel: string }[] };
      for (const event of body.events) this.arrivals.set(`${event.name}:${event.channel}`, now);
      setTimeout(() => response.writeHead(200).end(), this.delayMs);
    });
  });

  async listen(): Promise<string> {
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((done) => this.server.close(() => done()));
  }
}

/** One client: subscribes and unsubscribes its channels in turn, recording when each change was acknowledged. */
async function churn(url: string, prefix: string, changedAt: Map<string, number>, roundTrips: number[]): Promise<WebSocket> {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  const frames: { event: string; channel?: string }[] = [];
  let wake: (() => void) | undefined;
  socket.on('message', (raw: Buffer) => {
    frames.push(JSON.parse(raw.toString()) as { event: string; channel?: string });
    wake?.();
  });
  const next = async (event: string, channel?: string) => {
    for (;;) {
      const index = frames.findIndex((frame) => frame.event === event && frame.channel === channel);
      if (index >= 0) return frames.splice(0, index + 1);
      await new Promise<void>((done) => (wake = done));
    }
  };
  await next('pusher:connection_established');
  for (let i = 0; i < CHANNELS; i++) {
    const channel = `${prefix}-${i}`;
    const sent = performance.now();
    socket.send(JSON.stringify({ event: 'pusher:subscribe', data: { channel, auth: '' } }));
    await next('pusher_internal:subscription_succeeded', channel);
    roundTrips.push(performance.now() - sent);
    changedAt.set(`channel_occupied:${channel}`, performance.now());
    socket.send(JSON.stringify({ event: 'pusher:unsubscribe', data: { channel } }));
    // The vacate is acknowledged by nothing on the socket; a ping round trip orders it.
    socket.send(JSON.stringify({ event: 'pusher:ping', data: {} }));
    await next('pusher:pong');
    changedAt.set(`channel_vacated:${channel}`, performance.now());
  }
  return socket;
}

async function run(node: BenchNode, receiver: Receiver, label: string): Promise<void> {
  receiver.arrivals.clear();
  receiver.requests = 0;
  const changedAt = new Map<string, number>();
  const roundTrips: number[] = [];
  const url = `ws://127.0.0.1:${node.port}/app/app-key?protocol=7&client=bench&version=1`;
  const started = performance.now();
  const sockets = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => churn(url, `${label}-${i}`, changedAt, roundTrips)));
  const produced = performance.now() - started;
  const expected = CLIENTS * CHANNELS * 2;
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  while ([...changedAt.keys()].filter((key) => receiver.arrivals.has(key)).length < expected && Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, 50));
  }
  const drained = performance.now() - started;
  sockets.forEach((socket) => socket.close());
  const latencies = [...changedAt].flatMap(([key, at]) => (receiver.arrivals.has(key) ? [receiver.arrivals.get(key)! - at] : []));
  latencies.sort((a, b) => a - b);
  roundTrips.sort((a, b) => a - b);
  const f = (ms: number) => ms.toFixed(1);
  console.log(
    `${label}: ${latencies.length}/${expected} events in ${f(drained)} ms (${Math.round((latencies.length / drained) * 1000)} events/s; ` +
      `produced in ${f(produced)} ms), ${(latencies.length / Math.max(receiver.requests, 1)).toFixed(1)} events/request, ` +
      `change-to-receipt p50 ${f(percentile(latencies, 50))} ms p99 ${f(percentile(latencies, 99))} ms; ` +
      `subscribe round trip p50 ${f(percentile(roundTrips, 50))} ms p99 ${f(percentile(roundTrips, 99))} ms`,
  );
}

async function main(): Promise<void> {
  let stopServices: (() => Promise<void>) | undefined;
  if (!process.env.REDIS_URL || !process.env.DATABASE_URL) {
    const { provisionServices } = (await importEsm(join(ROOT, 'scripts/lib/services.mjs'))) as {
      provisionServices(options: { dataDir: string; durable: boolean }): Promise<{
        redisUrl: string;
        databaseUrl: string;
        adminDatabaseUrl?: string;
        stop(): Promise<void>;
      }>;
    };
    const services = await provisionServices({ dataDir: join(ROOT, '.data', 'bench-webhooks'), durable: false });
    process.env.REDIS_URL = services.redisUrl;
    process.env.DATABASE_URL = services.adminDatabaseUrl ?? services.databaseUrl;
    stopServices = () => services.stop();
  }
  const receiver = new Receiver();
  const hook = await receiver.listen();
  const database = await createTestDatabase();
  const sql = new Client({ connectionString: database.url });
  await sql.connect();
  await sql.query(`UPDATE apps SET webhooks = $1 WHERE id = 'app-id'`, [JSON.stringify([{ url: hook }])]);
  await sql.end();
  // The node runs on this database, whose default app has the receiver as its webhook target.
  const env = await startBenchEnv({ DATABASE_URL: database.url });
  const { node } = env;
  try {
    console.log(`realtime node pid ${node.pid}; ${CLIENTS} clients x ${CHANNELS} channels, 2 webhook events per channel`);
    await run(node, receiver, 'fast-receiver');
    receiver.delayMs = SLOW_MS;
    await run(node, receiver, `slow-receiver-${SLOW_MS}ms`);
  } finally {
    await env.stop();
    await receiver.close();
    await database.drop();
    await stopServices?.();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
