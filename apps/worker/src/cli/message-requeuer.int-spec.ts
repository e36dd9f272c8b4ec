import { randomUUID } from 'node:crypto';
import { DeliverMessageJobData, JOBS, QUEUES } from '@app/contracts';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { createTestDataSource, createTestRedis, type TestDataSource, type TestRedis } from '../../../../test/support';
import { MessageRequeuer } from './message-requeuer';

describe('MessageRequeuer', () => {
  let database: TestDataSource;
  let redis: TestRedis;
  let dataSource: DataSource;
  let connection: Redis;
  let queue: Queue<DeliverMessageJobData>;
  let requeuer: MessageRequeuer;

  beforeAll(async () => {
    [database, redis] = await Promise.all([createTestDataSource(), createTestRedis()]);
    ({ dataSource } = database);
    connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    queue = new Queue<DeliverMessageJobData>(QUEUES.messages, { connection, prefix: `${redis.prefix}bull` });
    requeuer = new MessageRequeuer(queue, dataSource, { attempts: 5, backoffMs: 100 });
  });

  afterAll(async () => {
    await queue.close();
    connection.disconnect();
    await redis.cleanup();
    await database.close();
  });

  async function insert(status: string, channels = ['c']): Promise<string> {
    const id = randomUUID();
    await dataSource.query(
      `INSERT INTO messages (id, app_id, channels, event, data, socket_id, status, last_error) VALUES ($1, 'app-id', $2, 'e', '{"a":1}', '1.2', $3, 'boom')`,
      [id, channels, status],
    );
    return id;
  }

  async function status(id: string): Promise<{ status: string; last_error: string | null }> {
    const rows: { status: string; last_error: string | null }[] = await dataSource.query(
      `SELECT status, last_error FROM messages WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  it('adds the job again from the row when retention removed the failed one', async () => {
    const id = await insert('failed', ['a', 'b']);
    await expect(requeuer.requeue(id)).resolves.toBe('requeued');
    await expect(status(id)).resolves.toEqual({ status: 'queued', last_error: null });
    const job = await queue.getJob(id);
    expect(job?.name).toBe(JOBS.deliverMessage);
    expect(job?.data).toEqual({
      messageId: id,
      appId: 'app-id',
      channels: ['a', 'b'],
      event: 'e',
      data: '{"a":1}',
      socketId: '1.2',
      seq: job?.data.seq,
    });
    expect(job?.data.seq).toBeGreaterThan(0);
    expect(job?.opts.attempts).toBe(5);
    await expect(job?.getState()).resolves.toBe('waiting');
  });

  it('refuses messages that are not failed, unknown or still queued', async () => {
    await expect(requeuer.requeue(await insert('delivered'))).resolves.toBe('not-failed');
    await expect(requeuer.requeue(randomUUID())).resolves.toBe('not-found');
    await expect(requeuer.requeue('not-a-uuid')).resolves.toBe('not-found');
    const waiting = await insert('failed');
    await queue.add(
      JOBS.deliverMessage,
      { messageId: waiting, appId: 'app-id', channels: ['c'], event: 'e', data: '{}' },
      { jobId: waiting },
    );
    await expect(requeuer.requeue(waiting)).resolves.toBe('already-queued');
    await expect(status(waiting)).resolves.toMatchObject({ status: 'failed' });
  });

  it('requeues every failed message of an app', async () => {
    await queue.drain();
    const ids = await Promise.all([insert('failed'), insert('failed'), insert('failed')]);
    await expect(requeuer.requeueAllFailed('app-id')).resolves.toBeGreaterThanOrEqual(3);
    await expect(Promise.all(ids.map(status))).resolves.toEqual(ids.map(() => ({ status: 'queued', last_error: null })));
  });
});
