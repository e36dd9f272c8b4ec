import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@app/config';
import { FLUSH_WEBHOOKS_JOB, isFlushWebhooksJobData, isSendWebhookJobData, JOBS, QUEUES } from '@app/contracts';
import { MetricsRegistry } from '@app/observability';
import { createRedisConnection, RedisKeys } from '@app/redis';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import type Redis from 'ioredis';
import { Counter } from 'prom-client';
import { AppRegistry } from '../app-registry/app-registry';
import { RedisWebhookBuffer } from './redis-webhook-buffer';
import { WebhookFlusher } from './webhook-flusher';
import { WebhookQueue } from './webhook-queue';
import { sendWebhook } from './webhook-sender';

/**
 * Consumer of the `webhooks` queue, run by every realtime node (REALTIME_WEBHOOK_CONCURRENCY jobs at a
 * time): flush jobs batch an app's pending events into deliveries, delivery jobs POST one body. A
 * delivery whose receiver does not answer 2xx within REALTIME_WEBHOOK_TIMEOUT_MS throws, and BullMQ
 * retries it with exponential backoff; a malformed job fails at once without retries. Jobs of a node
 * that died are taken over by the others once their lock expires (twice the timeout, at least 5 s).
 */
@Injectable()
export class BullWebhookProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BullWebhookProcessor.name);
  private readonly deliveries: Counter;
  private workerConnection?: Redis;
  private connection?: Redis;
  private queue?: WebhookQueue;
  private worker?: Worker;

  constructor(
    @Inject(ConfigService) private readonly config: ConfigService<AppConfig, true>,
    private readonly keys: RedisKeys,
    private readonly registry: AppRegistry,
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
    const { concurrency, timeoutMs, attempts, backoffMs } = this.config.getOrThrow('realtime', { infer: true }).webhooks;
    const url = this.config.getOrThrow('redis', { infer: true }).url;
    this.connection = createRedisConnection(url, 'pusher-me-webhooks-flush', { blocking: true });
    this.connection.on('error', () => undefined);
    this.workerConnection = createRedisConnection(url, 'pusher-me-webhooks-worker', { blocking: true });
    this.workerConnection.on('error', () => undefined);
    this.queue = new WebhookQueue(this.connection, this.keys.queuePrefix, { attempts, backoffMs });
    const flusher = new WebhookFlusher(this.registry, new RedisWebhookBuffer(this.connection, this.keys), this.queue);
    const lockDuration = Math.max(timeoutMs * 2, 5_000);
    this.worker = new Worker(QUEUES.webhooks, (job: Job) => this.process(job, flusher, timeoutMs), {
      connection: this.workerConnection,
      prefix: this.keys.queuePrefix,
      concurrency,
      lockDuration,
      stalledInterval: lockDuration,
    });
    this.worker.on('error', (error) => this.logger.warn(`Webhook worker: ${error.message}`));
    this.worker.on('failed', (job, error) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
        this.logger.warn(`Webhook job ${job.id ?? ''} of app ${String((job.data as { appId?: string }).appId)} given up: ${error.message}`);
      }
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close().catch(() => undefined);
    for (const connection of [this.workerConnection, this.connection]) await connection?.quit().catch(() => connection.disconnect());
  }

  private async process(job: Job, flusher: WebhookFlusher, timeoutMs: number): Promise<void> {
    if (job.name === FLUSH_WEBHOOKS_JOB) {
      if (!isFlushWebhooksJobData(job.data) || job.id === undefined) throw new UnrecoverableError('malformed flush-webhooks job');
      await flusher.flush(job.data.appId, job.id);
      return;
    }
    if (job.name !== JOBS.sendWebhook || !isSendWebhookJobData(job.data)) throw new UnrecoverableError(`malformed ${job.name} job`);
    try {
      await sendWebhook(job.data, timeoutMs);
      this.deliveries.inc({ outcome: 'delivered' });
    } catch (error) {
      this.deliveries.inc({ outcome: 'failed' });
      throw error;
    }
  }
}
