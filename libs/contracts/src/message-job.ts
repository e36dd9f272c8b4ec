import type { JobsOptions } from 'bullmq';

/**
 * Payload of a `messages` job. The message itself lives in Postgres; the job carries its id
 * (which is also the job id) plus what delivery needs, so the worker can trigger without a read.
 */
export interface DeliverMessageJobData {
  messageId: string;
  appId: string;
  channels: string[];
  event: string;
  /** The exact data string given by the caller. */
  data: string;
  socketId?: string;
  /**
   * The job's place in the queue, from a Redis counter taken just before it is added. BullMQ may hand
   * a worker jobs taken in the same instant in a slightly different order; the worker restores this one.
   */
  seq?: number;
}

/** How a delivery job retries: the configured attempts and the base of its exponential backoff. */
export interface DeliveryRetry {
  attempts: number;
  backoffMs: number;
}

/** What a delivery job is built from: a stored message. */
export interface DeliverableMessage {
  id: string;
  appId: string;
  channels: string[];
  event: string;
  data: string;
  socketId: string | null;
}

/** The job that delivers a stored message. */
export function deliverMessageJobData(message: DeliverableMessage): DeliverMessageJobData {
  const job: DeliverMessageJobData = {
    messageId: message.id,
    appId: message.appId,
    channels: message.channels,
    event: message.event,
    data: message.data,
  };
  if (message.socketId) job.socketId = message.socketId;
  return job;
}

/**
 * Options of every `messages` job. The job id is the message id, so a message never has two jobs
 * and adding it again is a no-op while a job exists. Completed jobs stay an hour (at most 50,000),
 * failed ones a week, so a retry within that time still finds them.
 */
export function deliverMessageJobOptions(messageId: string, retry: DeliveryRetry): JobsOptions {
  return {
    jobId: messageId,
    attempts: retry.attempts,
    backoff: { type: 'exponential', delay: retry.backoffMs },
    removeOnComplete: { age: 3600, count: 50_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}
