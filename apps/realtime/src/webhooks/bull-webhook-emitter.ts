import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@app/config';
import { MetricsRegistry } from '@app/observability';
import type { WebhookEvent } from '@app/pusher-protocol';
import { createRedisConnection, RedisKeys } from '@app/redis';
import type Redis from 'ioredis';
import { Counter } from 'prom-client';
import type { RealtimeApp } from '../app-registry/realtime-app';
import { RedisWebhookBuffer } from './redis-webhook-buffer';
import { WebhookBatch, WebhookBatcher } from './webhook-batcher';
import { WebhookEmitter } from './webhook-emitter';
import { MAX_EVENTS_PER_BODY } from './webhook-flusher';
import { WebhookQueue } from './webhook-queue';

/** Longest shutdown waits for the last events to reach Redis. */
const SHUTDOWN_FLUSH_TIMEOUT_MS = 5_000;

/**
 * WebhookEmitter over Redis and BullMQ. Events of one tick are appended to the app's pending list in
 * Redis at once (one command per app), and a flush job is scheduled for the end of the app's batch
 * window (REALTIME_WEBHOOK_BATCH_MS); the flush, on whichever node takes it, turns everything pending
 * into one signed body per receiver and queues their deliveries. Nothing waits in memory longer than a
 * tick, so a node that dies loses at most that. Its own Redis connection queues commands while Redis
 * is briefly away instead of dropping them.
 */
@Injectable()
export class BullWebhookEmitter extends WebhookEmitter implements OnApplicationShutdown {
  private readonly logger = new Logger(BullWebhookEmitter.name);
  private readonly connection: Redis;
  private readonly queue: WebhookQueue;
  private readonly buffer: RedisWebhookBuffer;
  private readonly ticks: WebhookBatcher;
  private readonly windowMs: number;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly events: Counter;

  constructor(@Inject(ConfigService) config: ConfigService<AppConfig, true>, keys: RedisKeys, metrics: MetricsRegistry) {
    super();
    const { batchMs, attempts, backoffMs } = config.getOrThrow('realtime', { infer: true }).webhooks;
    this.windowMs = batchMs;
    this.connection = createRedisConnection(config.getOrThrow('redis', { infer: true }).url, 'pusher-me-webhooks', { blocking: true });
    this.connection.on('error', () => undefined);
    this.queue = new WebhookQueue(this.connection, keys.queuePrefix, { attempts, backoffMs });
    this.buffer = new RedisWebhookBuffer(this.connection, keys);
    this.ticks = new WebhookBatcher(0, (batch) => this.store(batch), MAX_EVENTS_PER_BODY);
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
    this.ticks.add(app, event);
  }

  async onApplicationShutdown(): Promise<void> {
    this.ticks.flushAll();
    // Bounded: with Redis unreachable the writes would wait forever, and shutdown must end.
    const pending = Promise.allSettled([...this.inFlight]);
    await Promise.race([pending, new Promise((resolve) => setTimeout(resolve, SHUTDOWN_FLUSH_TIMEOUT_MS).unref())]);
    if (this.inFlight.size > 0) this.logger.error(`Shutting down with ${String(this.inFlight.size)} webhook batch(es) not stored`);
    await this.queue.close().catch(() => undefined);
    await this.connection.quit().catch(() => this.connection.disconnect());
  }

  private store(batch: WebhookBatch): void {
    const appId = batch.app.id;
    const stored = this.buffer
      .append(
        appId,
        batch.events.map((event) => ({ t: batch.timeMs, e: event })),
      )
      .then(() => this.queue.scheduleFlush(appId, this.windowMs))
      .catch((error: unknown) =>
        this.logger.error(`Lost ${String(batch.events.length)} webhook event(s) of app ${appId}: ${(error as Error).message}`),
      )
      .finally(() => this.inFlight.delete(stored));
    this.inFlight.add(stored);
  }
}
