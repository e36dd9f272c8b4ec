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

  /** Adds the job again unless one is pending: replaces a finished (failed or completed) job, adds a missing one. */
  abstract requeue(job: DeliverMessageJobData): Promise<void>;

  /** True when the message's job is waiting, delayed or running (not missing, failed or completed). */
  abstract isPending(messageId: string): Promise<boolean>;

  abstract counts(): Promise<QueueCounts>;
}
