import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@app/config';
import { isSendWebhookJobData, QUEUES } from '@app/contracts';
import { MetricsRegistry } from '@app/observability';
import { createRedisConnection, RedisKeys } from '@app/redis';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import type Redis from 'ioredis';
import { Counter } from 'prom-client';
import { sendWebhook } from './webhook-sender';

/**
 * Consumer of the `webhooks` queue, run by every realtime node (REALTIME_WEBHOOK_CONCURRENCY requests
 * at a time). A job whose receiver does not answer 2xx within REALTIME_WEBHOOK_TIMEOUT_MS throws, and
 * BullMQ retries it with exponential backoff; a malformed job fails at once without retries.
 */
@Injectable()
export class BullWebhookProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BullWebhookProcessor.name);
  private readonly deliveries: Counter;
  private connection?: Redis;
  private worker?: Worker;

  constructor(
    @Inject(ConfigService) private readonly config: ConfigService<AppConfig, true>,
    private readonly keys: RedisKeys,
    metrics: MetricsRegistry,
  ) {
    this.deliveries = new Counter({
      name: 'pusher_me_webhook_deliveries_total',
      help: 'Webhook delivery attempts, by outcome (delivered, failed)',
      labelNames: ['outcome'],
      registers: [metrics.registry],
    });
  }

  onApplicationBootstrap(): void {
    const { concurrency, timeoutMs } = this.config.getOrThrow('realtime', { infer: true }).webhooks;
    this.connection = createRedisConnection(this.config.getOrThrow('redis', { infer: true }).url, 'pusher-me-webhooks-worker', {
      blocking: true,
    });
    this.connection.on('error', () => undefined);
    this.worker = new Worker(QUEUES.webhooks, (job: Job) => this.process(job, timeoutMs), {
      connection: this.connection,
      prefix: this.keys.queuePrefix,
      concurrency,
    });
    this.worker.on('error', (error) => this.logger.warn(`Webhook worker: ${error.message}`));
    this.worker.on('failed', (job, error) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
        this.logger.warn(`Webhook ${job.id ?? ''} of app ${String((job.data as { appId?: string }).appId)} given up: ${error.message}`);
      }
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.connection?.quit().catch(() => this.connection?.disconnect());
  }

  private async process(job: Job, timeoutMs: number): Promise<void> {
    if (!isSendWebhookJobData(job.data)) throw new UnrecoverableError('malformed send-webhook job');
    try {
      await sendWebhook(job.data, timeoutMs);
      this.deliveries.inc({ outcome: 'delivered' });
    } catch (error) {
      this.deliveries.inc({ outcome: 'failed' });
      throw error;
    }
  }
}
