import type { Queue } from 'bullmq';
import { DeliverMessageJobData, deliverMessageJobOptions, DeliveryRetry } from './message-job';
import { JOBS } from './queues';

/**
 * Adds a message's delivery job again unless one is pending: a finished (failed or completed) job
 * is replaced by a fresh one with a full attempt budget, a missing one is added. Resolves to false,
 * changing nothing, while a job is still waiting, delayed or running.
 */
export async function requeueDeliverMessageJob(
  queue: Queue<DeliverMessageJobData>,
  job: DeliverMessageJobData,
  retry: DeliveryRetry,
): Promise<boolean> {
  const previous = await queue.getJob(job.messageId);
  if (previous) {
    const state = await previous.getState();
    if (state !== 'failed' && state !== 'completed' && state !== 'unknown') return false;
    await previous.remove();
  }
  await queue.add(JOBS.deliverMessage, job, deliverMessageJobOptions(job.messageId, retry));
  return true;
}
