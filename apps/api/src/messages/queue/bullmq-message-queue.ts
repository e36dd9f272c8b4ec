import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Queue } from 'bullmq';
import type { AppConfig } from '@app/config';
import { addDeliverMessageJob, DeliverMessageJobData, DeliveryRetry, QUEUES, requeueDeliverMessageJob } from '@app/contracts';
import { RedisClient, RedisKeys } from '@app/redis';
import { DomainException } from '../../common/domain.exception';
import { MessageQueue, QueueCounts } from './message-queue';

// Bounded so a stalled Redis turns into a 503 instead of a hung request.
const OPERATION_TIMEOUT_MS = 3000;

/** The `messages` BullMQ queue on the app's shared Redis connection. */
@Injectable()
export class BullMqMessageQueue extends MessageQueue implements OnApplicationShutdown {
  private readonly queue: Queue<DeliverMessageJobData>;
  private readonly retry: DeliveryRetry;

  constructor(
    private readonly redis: RedisClient,
    keys: RedisKeys,
    config: ConfigService<AppConfig, true>,
  ) {
    super();
    const { jobAttempts, jobBackoffMs } = config.getOrThrow('api', { infer: true }).messages;
    this.queue = new Queue<DeliverMessageJobData>(QUEUES.messages, { connection: redis.connection, prefix: keys.queuePrefix });
    this.queue.on('error', () => undefined); // failures surface through the calls that hit them
    this.retry = { attempts: jobAttempts, backoffMs: jobBackoffMs };
  }

  isAvailable(): boolean {
    return this.redis.connection.status === 'ready';
  }

  async add(job: DeliverMessageJobData): Promise<void> {
    await bounded(addDeliverMessageJob(this.queue, job, this.retry));
  }

  async requeue(job: DeliverMessageJobData): Promise<void> {
    await bounded(requeueDeliverMessageJob(this.queue, job, this.retry));
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
