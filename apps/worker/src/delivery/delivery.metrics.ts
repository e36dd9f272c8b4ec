import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { QUEUES } from '@app/contracts';
import { MetricsRegistry } from '@app/observability';
import type { Queue } from 'bullmq';
import { Counter, Gauge, Histogram } from 'prom-client';

const QUEUE_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed', 'paused'] as const;

/** Prometheus metrics of message delivery, served on the worker's `/metrics`. */
@Injectable()
export class DeliveryMetrics {
  /** Messages delivered and recorded. */
  readonly completed: Counter;
  /** Messages failed for good, by reason: `permanent` (refused), `exhausted` (out of attempts), `invalid` (bad job). */
  readonly failed: Counter<'reason'>;
  /** Messages that will be tried again after a transient failure, by scope (`target` or `app`). */
  readonly retried: Counter<'scope'>;
  /** Duration of one `trigger` or `triggerBatch` call. */
  readonly triggerSeconds: Histogram<'call' | 'outcome'>;
  /** Messages per call to the target. */
  readonly batchSize: Histogram;

  constructor(metrics: MetricsRegistry, @InjectQueue(QUEUES.messages) queue: Queue) {
    const registers = [metrics.registry];
    this.completed = new Counter({ name: 'worker_jobs_completed_total', help: 'Messages delivered and recorded', registers });
    this.failed = new Counter({ name: 'worker_jobs_failed_total', help: 'Messages failed for good', labelNames: ['reason'], registers });
    this.retried = new Counter({
      name: 'worker_jobs_retried_total',
      help: 'Messages held for another attempt after a transient failure',
      labelNames: ['scope'],
      registers,
    });
    this.triggerSeconds = new Histogram({
      name: 'worker_trigger_duration_seconds',
      help: 'Duration of one trigger or triggerBatch call to the Pusher endpoint',
      labelNames: ['call', 'outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.batchSize = new Histogram({
      name: 'worker_trigger_batch_size',
      help: 'Messages per call to the Pusher endpoint',
      buckets: [1, 2, 3, 5, 8, 10],
      registers,
    });
    new Gauge({
      name: 'worker_queue_depth',
      help: 'Jobs in the messages queue by state (read at scrape time)',
      labelNames: ['state'],
      registers,
      async collect() {
        try {
          const counts = await queue.getJobCounts(...QUEUE_STATES);
          for (const state of QUEUE_STATES) this.set({ state }, counts[state] ?? 0);
        } catch {
          // Redis is away: keep the last figures rather than failing the whole scrape.
        }
      },
    });
  }
}
