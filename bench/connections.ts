/*
 * Connects N WebSockets to one realtime node and prints how long they took to be established and the
 * node's resident memory per connection. N from BENCH_CONNECTIONS (default "1000,10000"); bounded to
 * BENCH_TIMEOUT_MS (default 120 s) in all.
 *   npm run bench:connections
 */
import { loadavg } from 'node:os';
import WebSocket from 'ws';
import { startBenchEnv, type BenchNode } from './realtime-bench-env';

const counts = (process.env.BENCH_CONNECTIONS ?? '1000,10000').split(',').map(Number);
const deadline = Date.now() + Number(process.env.BENCH_TIMEOUT_MS ?? 120_000);
const CONCURRENCY = 200;

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    socket.once('message', () => resolve(socket));
    socket.once('error', reject);
  });
}

async function connectAll(node: BenchNode, n: number): Promise<WebSocket[]> {
  const url = `ws://127.0.0.1:${node.port}/app/app-key?protocol=7&client=bench&version=1`;
  const sockets: WebSocket[] = [];
  let next = 0;
  const lane = async () => {
    while (next < n) {
      if (Date.now() > deadline) throw new Error('bench deadline reached');
      next++;
      sockets.push(await open(url));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  return sockets;
}

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1500));
}

async function main(): Promise<void> {
  const env = await startBenchEnv();
  try {
    console.log(`realtime node pid ${env.node.pid}; connecting ${counts.join(', ')} sockets`);
    for (const n of counts) {
      await settle();
      const before = await env.node.rssBytes();
      const cpuBefore = await env.node.cpuSeconds();
      const started = performance.now();
      const sockets = await connectAll(env.node, n);
      const elapsed = performance.now() - started;
      const cpu = (await env.node.cpuSeconds()) - cpuBefore;
      await settle();
      const after = await env.node.rssBytes();
      const perConnection = (after - before) / n;
      console.log(
        `N=${n}: established in ${elapsed.toFixed(0)} ms (${((n / elapsed) * 1000).toFixed(0)} conn/s); ` +
          `node RSS ${(before / 1048576).toFixed(1)} → ${(after / 1048576).toFixed(1)} MiB, ${(perConnection / 1024).toFixed(1)} KiB per connection ` +
          `(machine load average ${loadavg()[0].toFixed(1)}); node CPU ${((cpu / n) * 1e6).toFixed(0)} µs per connection`,
      );
      await Promise.all(
        sockets.map(
          (socket) =>
            new Promise<void>((resolve) => {
              socket.once('close', () => resolve());
              socket.close();
            }),
        ),
      );
    }
  } finally {
    await env.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
