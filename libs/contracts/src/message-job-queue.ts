import type { Queue } from 'bullmq';
import { DeliverMessageJobData, deliverMessageJobOptions, DeliveryRetry } from './message-job';
import { JOBS } from './queues';

/**
 * Adds a message's delivery job, numbered from the queue's own counter (`seq`, see
 * DeliverMessageJobData). A no-op while the message already has a job.
 */
export async function addDeliverMessageJob(
  queue: Queue<DeliverMessageJobData>,
  job: DeliverMessageJobData,
  retry: DeliveryRetry,
): Promise<void> {
  const seq = await nextJobSeq(queue);
  await queue.add(JOBS.deliverMessage, { ...job, seq }, deliverMessageJobOptions(job.messageId, retry));
}

const NEXT_SEQ_COMMAND = 'pusherMeNextJobSeq';
const clientsWithCommand = new WeakSet<object>();

/** INCR as a script: BullMQ's client interface (not always ioredis) promises scripts, not every command. */
async function nextJobSeq(queue: Queue): Promise<number> {
  const client = await queue.client;
  if (!clientsWithCommand.has(client)) {
    client.defineCommand(NEXT_SEQ_COMMAND, { numberOfKeys: 1, lua: "return redis.call('INCR', KEYS[1])" });
    clientsWithCommand.add(client);
  }
  return Number(await client.runCommand(NEXT_SEQ_COMMAND, [queue.toKey('seq')]));
}

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
  await addDeliverMessageJob(queue, job, retry);
  return true;
}
