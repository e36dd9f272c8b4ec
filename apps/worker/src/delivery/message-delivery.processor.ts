import { BeforeApplicationShutdown, Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { AppConfig } from '@app/config';
import { DeliverMessageJobData, QUEUES } from '@app/contracts';
import { Job, WorkerOptions } from 'bullmq';
import { deliveryBackoffMs } from '../trigger/delivery-backoff';
import { DeliveryService } from './delivery.service';

/** Fallbacks for BullMQ's own retries (see `settings.backoffStrategy`) of a job added without a delay. */
const FALLBACK_BACKOFF = { baseDelayMs: 1000, maxDelayMs: 30_000 };

/**
 * Worker options that must exist before Nest's DI runs (the decorator reads them at load time);
 * what depends on configuration (concurrency) is applied in onApplicationBootstrap.
 *
 * - lockDuration 10 s / stalledInterval 5 s: a job whose worker died (SIGKILL, OOM, lost host) is
 *   taken again by another worker within about 15 s; locks are renewed every 5 s meanwhile.
 * - maxStalledCount 2: a job that kills its worker twice more is failed instead of looping.
 * - limiter: BullMQ only honours `queue.rateLimit` (the pause during outages) when a limiter is set;
 *   its own limit is far above any real rate.
 * - backoffStrategy: delays of BullMQ retries (errors outside the trigger itself, such as Postgres
 *   unavailable while recording the outcome), for jobs added with a custom backoff type.
 */
const WORKER_OPTIONS: Omit<WorkerOptions, 'connection'> = {
  autorun: false,
  lockDuration: 10_000,
  stalledInterval: 5_000,
  maxStalledCount: 2,
  limiter: { max: 1_000_000, duration: 1000 },
  settings: {
    backoffStrategy: (attemptsMade: number, _type?: string, _error?: Error, job?: { opts: { backoff?: number | { delay?: number } } }) => {
      const backoff = job?.opts.backoff;
      const baseDelayMs = (typeof backoff === 'number' ? backoff : backoff?.delay) ?? FALLBACK_BACKOFF.baseDelayMs;
      return deliveryBackoffMs(attemptsMade, { ...FALLBACK_BACKOFF, baseDelayMs });
    },
  },
};

/**
 * Consumer of the `messages` queue: validates each job and hands it to DeliveryService. On
 * SIGTERM it stops taking jobs, lets those in hand finish (or go back to the queue if the target
 * is down), then lets the app close.
 */
@Processor(QUEUES.messages, WORKER_OPTIONS)
export class MessageDeliveryProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MessageDeliveryProcessor.name);

  constructor(
    private readonly delivery: DeliveryService,
    @Inject(ConfigService) private readonly config: ConfigService<AppConfig, true>,
  ) {
    super();
  }

  async process(job: Job<DeliverMessageJobData>): Promise<void> {
    await this.delivery.deliver(job);
  }

  onApplicationBootstrap(): void {
    const { concurrency } = this.config.getOrThrow('worker', { infer: true });
    this.worker.concurrency = concurrency;
    // Without a listener an 'error' event would crash the process; BullMQ reconnects by itself.
    this.worker.on('error', (error) => this.logger.warn(`Queue error: ${error.message}`));
    this.worker.run().catch((error: Error) => this.logger.error(`Worker stopped: ${error.message}`));
    this.logger.log(`Taking messages with concurrency ${String(concurrency)}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.delivery.drain();
    await this.worker.close();
  }
}
