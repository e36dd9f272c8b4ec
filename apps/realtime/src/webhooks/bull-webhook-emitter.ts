import type { WebhookEvent } from '@app/pusher-protocol';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@app/config';
import { MetricsRegistry } from '@app/observability';
import { createRedisConnection, RedisKeys } from '@app/redis';
import type Redis from 'ioredis';
import { Counter } from 'prom-client';
import type { RealtimeApp } from '../app-registry/realtime-app';
import { WebhookBatch, WebhookBatcher } from './webhook-batcher';
import { buildWebhookDeliveries } from './webhook-deliveries';
import { WebhookEmitter } from './webhook-emitter';
import { WebhookQueue } from './webhook-queue';

/** Longest shutdown waits for open batches to reach the queue. */
const SHUTDOWN_FLUSH_TIMEOUT_MS = 5_000;

/**
 * WebhookEmitter that batches per app (REALTIME_WEBHOOK_BATCH_MS) and queues one signed job per
 * receiver on the BullMQ `webhooks` queue, from which any realtime node delivers it with retries.
 * Its own Redis connection queues commands while Redis is briefly away instead of dropping them;
 * open batches are flushed and queued before shutdown completes.
 */
@Injectable()
export class BullWebhookEmitter extends WebhookEmitter implements OnApplicationShutdown {
  private readonly logger = new Logger(BullWebhookEmitter.name);
  private readonly connection: Redis;
  private readonly queue: WebhookQueue;
  private readonly batcher: WebhookBatcher;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly events: Counter;

  constructor(@Inject(ConfigService) config: ConfigService<AppConfig, true>, keys: RedisKeys, metrics: MetricsRegistry) {
    super();
    const { batchMs, attempts, backoffMs } = config.getOrThrow('realtime', { infer: true }).webhooks;
    this.connection = createRedisConnection(config.getOrThrow('redis', { infer: true }).url, 'pusher-me-webhooks', { blocking: true });
    this.connection.on('error', () => undefined);
    this.queue = new WebhookQueue(this.connection, keys.queuePrefix, { attempts, backoffMs });
    this.batcher = new WebhookBatcher(batchMs, (batch) => this.enqueue(batch));
    this.events = new Counter({
      name: 'pusher_me_webhook_events_total',
      help: 'Webhook events emitted, by event name',
      labelNames: ['event'],
      registers: [metrics.registry],
    });
  }

  emit(app: RealtimeApp, event: WebhookEvent): void {
    if (app.webhooks.length === 0) return;
    this.events.inc({ event: event.name });
    this.batcher.add(app, event);
  }

  async onApplicationShutdown(): Promise<void> {
    this.batcher.flushAll();
    // Bounded: with Redis unreachable the adds would wait forever, and shutdown must end.
    const pending = Promise.allSettled([...this.inFlight]);
    await Promise.race([pending, new Promise((resolve) => setTimeout(resolve, SHUTDOWN_FLUSH_TIMEOUT_MS).unref())]);
    if (this.inFlight.size > 0) this.logger.error(`Shutting down with ${String(this.inFlight.size)} webhook batch(es) not queued`);
    await this.queue.close().catch(() => undefined);
    await this.connection.quit().catch(() => this.connection.disconnect());
  }

  private enqueue(batch: WebhookBatch): void {
    const deliveries = buildWebhookDeliveries(batch);
    const adding = this.queue
      .add(deliveries)
      .catch((error: unknown) =>
        this.logger.error(`Lost ${String(deliveries.length)} webhook delivery(ies) of app ${batch.app.id}: ${(error as Error).message}`),
      )
      .finally(() => this.inFlight.delete(adding));
    this.inFlight.add(adding);
  }
}
