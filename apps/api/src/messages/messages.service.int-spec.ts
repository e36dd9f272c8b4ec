import type { ConfigService } from '@nestjs/config';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@app/config';
import type { DeliverMessageJobData } from '@app/contracts';
import { AppEntity, MessageEntity } from '@app/database';
import { createTestDataSource, TEST_APP, TestDataSource } from '../../../../test/support';
import { DomainException } from '../common/domain.exception';
import { ErrorCode } from '../common/error-code';
import { MessageRequeueSweeper } from './queue/message-requeue.sweeper';
import { MessagesRepository } from './messages.repository';
import { MessagesService } from './messages.service';
import { MessageQueue, QueueCounts } from './queue/message-queue';

/** An in-memory MessageQueue whose adds can be made to fail like an unreachable Redis. */
class ScriptedQueue extends MessageQueue {
  readonly jobs = new Map<string, DeliverMessageJobData>();
  failing = false;

  isAvailable(): boolean {
    return true;
  }

  add(job: DeliverMessageJobData): Promise<void> {
    if (this.failing) return Promise.reject(new Error("Stream isn't writeable and enableOfflineQueue options is false"));
    if (!this.jobs.has(job.messageId)) this.jobs.set(job.messageId, job);
    return Promise.resolve();
  }

  requeue(job: DeliverMessageJobData): Promise<void> {
    return this.add(job);
  }

  isPending(messageId: string): Promise<boolean> {
    return Promise.resolve(this.jobs.has(messageId));
  }

  counts(): Promise<QueueCounts> {
    return Promise.resolve({ waiting: this.jobs.size, active: 0, delayed: 0, prioritized: 0, completed: 0, failed: 0, paused: 0 });
  }
}

const settings = { messages: { requeueAfterSeconds: 0, requeueIntervalSeconds: 3600, jobAttempts: 3, jobBackoffMs: 100 } };
const config = { getOrThrow: () => settings } as unknown as ConfigService<AppConfig, true>;

describe('MessagesService when the enqueue fails after the insert', () => {
  let database: TestDataSource;
  let dataSource: DataSource;
  let app: AppEntity;
  let queue: ScriptedQueue;
  let service: MessagesService;
  let sweeper: MessageRequeueSweeper;

  beforeAll(async () => {
    database = await createTestDataSource();
    ({ dataSource } = database);
    app = await dataSource.getRepository(AppEntity).findOneByOrFail({ id: TEST_APP.id });
    const repository = new MessagesRepository(dataSource.getRepository(MessageEntity));
    queue = new ScriptedQueue();
    service = new MessagesService(repository, queue);
    sweeper = new MessageRequeueSweeper(repository, queue, config);
  }, 30_000);

  afterAll(async () => {
    await database?.close();
  });

  beforeEach(() => {
    queue.failing = false;
    queue.jobs.clear();
  });

  const statusOf = async (idempotencyKey: string) =>
    (await dataSource.getRepository(MessageEntity).findOneByOrFail({ appId: app.id, idempotencyKey })).status;

  it('answers 503 though the message is stored, and the idempotent retry queues that same message', async () => {
    queue.failing = true;
    const dto = { channel: 'orders', event: 'paid', data: { order: 1 } };
    const failure = await service.publish(app, dto, 'order-1').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DomainException);
    expect((failure as DomainException).code).toBe(ErrorCode.Unavailable);
    await expect(statusOf('order-1')).resolves.toBe('queued');
    expect(queue.jobs.size).toBe(0);

    queue.failing = false;
    const retried = await service.publish(app, dto, 'order-1');
    expect(retried.created).toBe(false);
    expect([...queue.jobs.keys()]).toEqual([retried.message.id]);
    expect(queue.jobs.get(retried.message.id)).toMatchObject({ channels: ['orders'], event: 'paid', data: '{"order":1}' });
    await expect(dataSource.getRepository(MessageEntity).countBy({ idempotencyKey: 'order-1' })).resolves.toBe(1);
  });

  it('leaves a message without a job to the requeue sweep, which queues it once', async () => {
    queue.failing = true;
    await expect(service.publish(app, { channel: 'lonely', event: 'lonely-event', data: 'x' })).rejects.toBeInstanceOf(DomainException);
    const stored = await dataSource.getRepository(MessageEntity).findOneByOrFail({ event: 'lonely-event' });
    queue.failing = false;

    await new Promise((done) => setTimeout(done, 20));
    await expect(sweeper.sweep()).resolves.toBeGreaterThanOrEqual(1);
    expect(queue.jobs.get(stored.id)).toEqual({
      messageId: stored.id,
      appId: app.id,
      channels: ['lonely'],
      event: 'lonely-event',
      data: 'x',
    });
    await expect(sweeper.sweep()).resolves.toBe(0);
  });

  it('walks a backlog in pages, so queued messages that have jobs never hide one that has none', async () => {
    await dataSource.query(`UPDATE messages SET status = 'delivered'`);
    const backlog: { id: string }[] = await dataSource.query(
      `INSERT INTO messages (id, app_id, channels, event, data, created_at)
       SELECT gen_random_uuid(), $1, ARRAY['backlog'], 'e', 'x', now() - interval '1 hour' + n * interval '1 ms'
       FROM generate_series(1, 250) AS n RETURNING id`,
      [app.id],
    );
    for (const { id } of backlog) queue.jobs.set(id, { messageId: id, appId: app.id, channels: ['backlog'], event: 'e', data: 'x' });
    const [orphan]: { id: string }[] = await dataSource.query(
      `INSERT INTO messages (id, app_id, channels, event, data, created_at) VALUES (gen_random_uuid(), $1, ARRAY['orphan'], 'e', 'x', now() - interval '1 minute') RETURNING id`,
      [app.id],
    );

    const added: number[] = [];
    for (let sweep = 0; sweep < 3 && !queue.jobs.has(orphan.id); sweep++) added.push(await sweeper.sweep());
    expect(added).toEqual([0, 1]);
    expect(queue.jobs.get(orphan.id)?.channels).toEqual(['orphan']);
  });
});
