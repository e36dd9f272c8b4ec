/*
 * Fan-out throughput and latency of one realtime node: N raw WebSocket subscribers on one channel, M
 * events triggered over the REST API with the pusher SDK (a few in flight at once). Prints delivered
 * messages per second and trigger-to-receive latency p50/p99. N from BENCH_SUBSCRIBERS (default
 * "1000,10000"), events per run from BENCH_EVENTS (default: 2,000,000 deliveries / N, 50..1000);
 * each run is bounded to 60 s.
 *   npm run bench:fanout
 */
import { loadavg } from 'node:os';
import Pusher from 'pusher';
import WebSocket from 'ws';
import { percentile, startBenchEnv, type BenchNode } from './realtime-bench-env';

const subscriberCounts = (process.env.BENCH_SUBSCRIBERS ?? '1000,10000').split(',').map(Number);
const IN_FLIGHT = 4;
const RUN_TIMEOUT_MS = 60_000;
const PAD = 'x'.repeat(100);

// The frame carries data as a JSON string, so the receiver finds `seq\":` and reads digits without decoding.
const SEQ = Buffer.from('seq\\":');

function readInt(buffer: Buffer, from: number): number {
  let value = 0;
  for (let i = from; i < buffer.length && buffer[i] >= 0x30 && buffer[i] <= 0x39; i++) value = value * 10 + buffer[i] - 0x30;
  return value;
}

interface Run {
  sentAt: Float64Array;
  latencies: Float64Array;
  received: number;
  firstSend: number;
  lastReceive: number;
}

function subscribe(node: BenchNode, run: () => Run): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${node.port}/app/app-key?protocol=7&client=bench&version=1`, { perMessageDeflate: false });
    socket.once('error', reject);
    socket.on('message', (raw: Buffer) => {
      const at = raw.indexOf(SEQ);
      if (at !== -1) {
        const now = performance.now();
        const current = run();
        current.latencies[current.received++] = now - current.sentAt[readInt(raw, at + SEQ.length)];
        current.lastReceive = now;
        return;
      }
      const text = raw.toString();
      if (text.includes('connection_established')) {
        socket.send(JSON.stringify({ event: 'pusher:subscribe', data: { channel: 'bench', auth: '' } }));
      } else if (text.includes('subscription_succeeded')) {
        resolve(socket);
      }
    });
  });
}

async function connectSubscribers(node: BenchNode, n: number, run: () => Run): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  for (let i = 0; i < n; i += 200) {
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(200, n - i) }, () => subscribe(node, run)))));
  }
  return sockets;
}

async function bench(node: BenchNode, sdk: Pusher, n: number): Promise<void> {
  const events = Number(process.env.BENCH_EVENTS ?? Math.max(50, Math.min(1000, Math.floor(2_000_000 / n))));
  let current: Run = {
    sentAt: new Float64Array(events),
    latencies: new Float64Array(events * n),
    received: 0,
    firstSend: 0,
    lastReceive: 0,
  };
  const sockets = await connectSubscribers(node, n, () => current);
  current = { ...current, received: 0 };
  const deadline = Date.now() + RUN_TIMEOUT_MS;

  const cpuBefore = await node.cpuSeconds();
  current.firstSend = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < events && Date.now() < deadline) {
      const seq = next++;
      current.sentAt[seq] = performance.now();
      await sdk.trigger('bench', 'tick', `{"seq":${seq},"pad":"${PAD}"}`);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  const expected = next * n;
  while (current.received < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));

  const cpu = (await node.cpuSeconds()) - cpuBefore;
  const seconds = (current.lastReceive - current.firstSend) / 1000;
  const latencies = current.latencies.slice(0, current.received).sort();
  console.log(
    `N=${n} subscribers, ${next} events: delivered ${current.received}/${expected} in ${seconds.toFixed(2)} s = ` +
      `${Math.round(current.received / seconds).toLocaleString('en-US')} msgs/s; ` +
      `trigger-to-receive p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms ` +
      `(machine load average ${loadavg()[0].toFixed(1)}); node CPU ${cpu.toFixed(2)} s = ${((cpu / current.received) * 1e6).toFixed(2)} µs per delivery, ` +
      `${Math.round(current.received / cpu).toLocaleString('en-US')} deliveries per node CPU-second`,
  );
  for (const socket of sockets) socket.terminate();
  await new Promise((resolve) => setTimeout(resolve, 1000));
}

async function main(): Promise<void> {
  const env = await startBenchEnv();
  try {
    const sdk = new Pusher({
      appId: 'app-id',
      key: 'app-key',
      secret: 'app-secret',
      host: '127.0.0.1',
      port: String(env.node.port),
      useTLS: false,
    });
    console.log(`realtime node pid ${env.node.pid}; ${PAD.length + 20}-byte payloads, ${IN_FLIGHT} triggers in flight`);
    for (const n of subscriberCounts) await bench(env.node, sdk, n);
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
