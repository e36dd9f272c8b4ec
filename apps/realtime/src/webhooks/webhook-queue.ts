import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { FLUSH_WEBHOOKS_JOB, FlushWebhooksJobData, JOBS, QUEUES, SendWebhookJobData } from '@app/contracts';

/** Retry policy of webhook deliveries. */
export interface WebhookRetryPolicy {
  attempts: number;
  /** First retry delay; each later one doubles. */
  backoffMs: number;
}

/**
 * The producer side of the `webhooks` queue: flush jobs (one per app and batch window) and delivery
 * jobs. Delivery job ids are a hash of receiver and body, so queuing the same delivery twice (a retried
 * flush) sends it once while the first is still queued.
 */
export class WebhookQueue {
  private readonly queue: Queue<SendWebhookJobData | FlushWebhooksJobData>;

  constructor(
    connection: Redis,
    prefix: string,
    private readonly policy: WebhookRetryPolicy,
  ) {
    this.queue = new Queue<SendWebhookJobData | FlushWebhooksJobData>(QUEUES.webhooks, { connection, prefix });
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

  /**
   * Makes sure a flush of the app runs `windowMs` from now. Every node computes the same job id within a
   * window of that length, so however many nodes add events, one flush is scheduled per window; it takes
   * everything pending when it runs, so events of the next window that arrived by then ride along.
   */
  async scheduleFlush(appId: string, windowMs: number, now = Date.now()): Promise<void> {
    const window = Math.max(windowMs, 1);
    const slot = Math.floor(now / window);
    await this.queue.add(
      FLUSH_WEBHOOKS_JOB,
      { appId },
      {
        jobId: `flush-${appId}-${String(slot)}`,
        delay: windowMs,
        attempts: 10,
        backoff: { type: 'exponential', delay: 100 },
        removeOnComplete: true,
        removeOnFail: { age: 24 * 3600, count: 1000 },
      },
    );
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
