import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import Redis from 'ioredis';
import Pusher from 'pusher';
import { TEST_APP, type RunningApp } from '../support';
import { DeliveryEnv } from './support/delivery-env';

const seq = (events: { data: unknown }[]) => events.map((event) => (event.data as { seq: number }).seq);

async function metric(worker: RunningApp, line: RegExp): Promise<number> {
  const text = await (await fetch(`${worker.url}/metrics`)).text();
  const match = text.split('\n').find((candidate) => line.test(candidate));
  return match ? Number(match.split(' ').pop()) : 0;
}

/** Runs `npm run messages:requeue`'s compiled entry with the test's environment. */
function requeueCli(env: Record<string, string>, args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [resolve(__dirname, '../../dist/apps/worker/src/cli/requeue.main.js'), ...args], {
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((done) => child.once('exit', (code) => done({ code, output })));
}

describe('worker: delivery through the pusher SDK to realtime', () => {
  let env: DeliveryEnv;
  let node: RunningApp;
  let worker: RunningApp;

  beforeAll(async () => {
    env = await DeliveryEnv.create();
    node = await env.startRealtime();
    worker = await env.startWorker(node.port);
  }, 60_000);

  afterAll(() => env.teardown(), 60_000);

  it('delivers a message to pusher-js subscribers except the excluded socket, and marks it delivered', async () => {
    const [reader, sender] = await Promise.all([env.subscribe(node.port, ['room-1']), env.subscribe(node.port, ['room-1'])]);
    const id = await env.enqueue({
      channels: ['room-1'],
      event: 'said',
      data: JSON.stringify({ text: 'hello' }),
      socketId: sender.socketId,
    });
    const [row] = await env.settled([id]);
    expect(row).toMatchObject({ status: 'delivered', attempts: 1, last_error: null });
    expect(row.delivered_at).toBeInstanceOf(Date);
    await expect(reader.waitFor(1)).resolves.toEqual([{ channel: 'room-1', event: 'said', data: { text: 'hello' } }]);
    // A second message reaches the sender; by then the first would have too if it had not been excluded.
    await env.enqueue({ channels: ['room-1'], event: 'said', data: JSON.stringify({ text: 'again' }) });
    await expect(sender.waitFor(1)).resolves.toEqual([{ channel: 'room-1', event: 'said', data: { text: 'again' } }]);
  }, 30_000);

  it('delivers a multi-channel message to each channel once', async () => {
    const subscriber = await env.subscribe(node.port, ['multi-a', 'multi-b']);
    const id = await env.enqueue({ channels: ['multi-a', 'multi-b'], data: '"plain string"' });
    await expect(env.settled([id])).resolves.toMatchObject([{ status: 'delivered' }]);
    const events = await subscriber.waitFor(2);
    expect(events.map((event) => event.channel).sort()).toEqual(['multi-a', 'multi-b']);
    expect(events.map((event) => event.data)).toEqual(['plain string', 'plain string']);
  }, 30_000);

  it('batches a deep queue into triggerBatch calls, delivering each message once and in order', async () => {
    const subscriber = await env.subscribe(node.port, ['deep']);
    const batchesBefore = await metric(worker, /^worker_trigger_duration_seconds_count\{.*call="batch".*outcome="ok"/);
    await env.queue.pause();
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push(await env.enqueue({ channels: ['deep'], data: JSON.stringify({ seq: i }) }));
    await env.queue.resume();
    const rows = await env.settled(ids);
    expect(rows.every((row) => row.status === 'delivered')).toBe(true);
    const events = await subscriber.waitFor(60);
    expect(seq(events)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    const batches = (await metric(worker, /^worker_trigger_duration_seconds_count\{.*call="batch".*outcome="ok"/)) - batchesBefore;
    expect(batches).toBeGreaterThan(0);
    expect(batches).toBeLessThan(60);
  }, 30_000);

  it('fails a refused message at once, keeps it in the failed set, and delivers the others without delay', async () => {
    const subscriber = await env.subscribe(node.port, ['poison']);
    await env.queue.pause();
    const good1 = await env.enqueue({ channels: ['poison'], data: JSON.stringify({ seq: 1 }) });
    // Above the app's 10 KB event limit: the realtime REST API answers 413.
    const bad = await env.enqueue({ channels: ['poison'], data: JSON.stringify({ seq: 2, pad: 'x'.repeat(11_000) }) });
    const good2 = await env.enqueue({ channels: ['poison'], data: JSON.stringify({ seq: 3 }) });
    await env.queue.resume();
    const [row1, badRow, row2] = await env.settled([good1, bad, good2]);
    expect([row1.status, badRow.status, row2.status]).toEqual(['delivered', 'failed', 'delivered']);
    // One attempt each: nothing waited out a backoff.
    expect([row1.attempts, badRow.attempts, row2.attempts]).toEqual([1, 1, 1]);
    expect(badRow.last_error).toMatch(/^HTTP 413/);
    await expect(env.queue.getJobState(bad)).resolves.toBe('failed');
    expect(seq(await subscriber.waitFor(2))).toEqual([1, 3]);

    // Once the app accepts bigger events, the CLI puts the failed message back and it is delivered.
    await env.query(`UPDATE apps SET max_event_bytes = 65536 WHERE id = 'app-id'`);
    const publisher = new Redis(env.redis.url);
    await publisher.publish(`${env.redis.prefix}apps:changed`, 'app-id');
    publisher.disconnect();
    await new Promise((done) => setTimeout(done, 300));
    const cli = await requeueCli(env.env, [bad]);
    expect(cli.output).toContain(JSON.stringify({ id: bad, result: 'requeued' }));
    expect(cli.code).toBe(0);
    await expect(env.settled([bad])).resolves.toMatchObject([{ status: 'delivered', last_error: null }]);
    expect(seq(await subscriber.waitFor(3))).toEqual([1, 3, 2]);
  }, 60_000);

  it('delivers to a private-encrypted channel with the app key from the database, decrypted as on any channel', async () => {
    const masterKey = randomBytes(32).toString('base64');
    await env.query(`UPDATE apps SET encryption_master_key = $1 WHERE id = 'app-id'`, [masterKey]);
    const publisher = new Redis(env.redis.url);
    await publisher.publish(`${env.redis.prefix}apps:changed`, 'app-id');
    publisher.disconnect();
    await new Promise((done) => setTimeout(done, 300));
    const signer = new Pusher({ ...TEST_APP, appId: TEST_APP.id, host: '127.0.0.1', encryptionMasterKeyBase64: masterKey });
    const subscriber = await env.subscribe(node.port, ['private-encrypted-vault'], (socketId, channel) =>
      signer.authorizeChannel(socketId, channel),
    );
    const ids = [
      await env.enqueue({ channels: ['private-encrypted-vault'], event: 'secret', data: JSON.stringify({ code: 42 }) }),
      await env.enqueue({ channels: ['private-encrypted-vault'], event: 'secret', data: 'plain words' }),
    ];
    await expect(env.settled(ids)).resolves.toMatchObject([{ status: 'delivered' }, { status: 'delivered' }]);
    await expect(subscriber.waitFor(2)).resolves.toEqual([
      { channel: 'private-encrypted-vault', event: 'secret', data: { code: 42 } },
      { channel: 'private-encrypted-vault', event: 'secret', data: 'plain words' },
    ]);
  }, 30_000);

  it('refuses a malformed job without touching the others', async () => {
    await env.queue.add('deliver-message', { messageId: 'not-a-uuid' } as never, { jobId: 'malformed-1' });
    const id = await env.enqueue({ channels: ['after-malformed'], data: '{}' });
    await expect(env.settled([id])).resolves.toMatchObject([{ status: 'delivered' }]);
    await expect(env.queue.getJobState('malformed-1')).resolves.toBe('failed');
  }, 30_000);
});
