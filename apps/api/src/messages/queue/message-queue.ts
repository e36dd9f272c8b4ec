import type { DeliverMessageJobData } from '@app/contracts';

/** Job counts by state, as the dashboard shows them. */
export type QueueCounts = Record<'waiting' | 'active' | 'delayed' | 'prioritized' | 'completed' | 'failed' | 'paused', number>;

/**
 * Where accepted messages wait for a worker. Jobs are keyed by message id, so adding a message
 * that already has a job is a no-op: callers may add again whenever unsure. Every method rejects
 * (instead of hanging) when the queue's store is unreachable.
 */
export abstract class MessageQueue {
  /** False while the store is known to be unreachable: lets callers refuse work before storing anything. */
  abstract isAvailable(): boolean;

  /** Adds the delivery job unless one exists for this message. */
  abstract add(job: DeliverMessageJobData): Promise<void>;

  /** Adds the job again for a message whose earlier job finished (failed or completed). */
  abstract requeue(job: DeliverMessageJobData): Promise<void>;

  /** True when a job for the message exists in any state. */
  abstract has(messageId: string): Promise<boolean>;

  abstract counts(): Promise<QueueCounts>;
}
