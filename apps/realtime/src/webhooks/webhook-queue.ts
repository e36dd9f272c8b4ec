import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { JOBS, QUEUES, SendWebhookJobData } from '@app/contracts';

/** Retry policy of webhook deliveries. */
export interface WebhookRetryPolicy {
  attempts: number;
  /** First retry delay; each later one doubles. */
  backoffMs: number;
}

/**
 * The producer side of the `webhooks` queue. Job ids are a hash of receiver and body, so queuing the
 * same delivery twice (a retried flush) sends it once.
 */
export class WebhookQueue {
  private readonly queue: Queue<SendWebhookJobData>;

  constructor(
    connection: Redis,
    prefix: string,
    private readonly policy: WebhookRetryPolicy,
  ) {
    this.queue = new Queue<SendWebhookJobData>(QUEUES.webhooks, { connection, prefix });
    this.queue.on('error', () => undefined);
  }

  async add(deliveries: SendWebhookJobData[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.queue.addBulk(
      deliveries.map((data) => ({
        name: JOBS.sendWebhook,
        data,
        opts: {
          jobId: createHash('sha256').update(data.url).update('\n').update(data.body).digest('hex').slice(0, 32),
          attempts: this.policy.attempts,
          backoff: { type: 'exponential', delay: this.policy.backoffMs },
          removeOnComplete: true,
          // Failed deliveries stay a day for inspection, at most a thousand of them.
          removeOnFail: { age: 24 * 3600, count: 1000 },
        },
      })),
    );
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
