import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JobsOptions, Queue } from 'bullmq';
import type { AppConfig } from '@app/config';
import { DeliverMessageJobData, JOBS, QUEUES } from '@app/contracts';
import { RedisClient, RedisKeys } from '@app/redis';
import { DomainException } from '../../common/domain.exception';
import { MessageQueue, QueueCounts } from './message-queue';

// Bounded so a stalled Redis turns into a 503 instead of a hung request.
const OPERATION_TIMEOUT_MS = 3000;

/** How long finished jobs stay visible; while a completed job exists, re-adding its id is a no-op. */
const KEEP_COMPLETED = { age: 3600, count: 50_000 };
const KEEP_FAILED = { age: 7 * 24 * 3600 };

/** The `messages` BullMQ queue on the app's shared Redis connection. */
@Injectable()
export class BullMqMessageQueue extends MessageQueue implements OnApplicationShutdown {
  private readonly queue: Queue<DeliverMessageJobData>;
  private readonly jobOptions: JobsOptions;

  constructor(
    private readonly redis: RedisClient,
    keys: RedisKeys,
    config: ConfigService<AppConfig, true>,
  ) {
    super();
    const { jobAttempts, jobBackoffMs } = config.getOrThrow('api', { infer: true }).messages;
    this.queue = new Queue<DeliverMessageJobData>(QUEUES.messages, { connection: redis.connection, prefix: keys.queuePrefix });
    this.queue.on('error', () => undefined); // failures surface through the calls that hit them
    this.jobOptions = {
      attempts: jobAttempts,
      backoff: { type: 'exponential', delay: jobBackoffMs },
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    };
  }

  isAvailable(): boolean {
    return this.redis.connection.status === 'ready';
  }

  async add(job: DeliverMessageJobData): Promise<void> {
    await bounded(this.queue.add(JOBS.deliverMessage, job, { ...this.jobOptions, jobId: job.messageId }));
  }

  async requeue(job: DeliverMessageJobData): Promise<void> {
    const previous = await bounded(this.queue.getJob(job.messageId));
    if (previous) {
      const state = await bounded(previous.getState());
      if (state !== 'failed' && state !== 'completed') return; // still pending or running: nothing to do
      await bounded(previous.remove());
    }
    await this.add(job);
  }

  async isPending(messageId: string): Promise<boolean> {
    const state = await bounded(this.queue.getJobState(messageId));
    return state !== 'unknown' && state !== 'failed' && state !== 'completed';
  }

  async counts(): Promise<QueueCounts> {
    const counts = await bounded(this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed', 'paused'));
    return counts as QueueCounts;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}

function bounded<T>(operation: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(DomainException.unavailable('The message queue did not answer in time; retry later')),
      OPERATION_TIMEOUT_MS,
    );
  });
  return Promise.race([operation, timeout]).finally(() => clearTimeout(timer));
}
