import type { DeliverMessageJobData } from '@app/contracts';

/** A message id as the api makes them. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_CHANNELS = 100;

const isString = (value: unknown): value is string => typeof value === 'string';

/**
 * Checks a `messages` job payload read back from Redis. Returns the reason it is unusable, or null
 * when it is well formed. Channel and event names are left to the target, which answers 400.
 */
export function validateDeliverMessageJob(data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return 'job data is not an object';
  const job = data as Partial<Record<keyof DeliverMessageJobData, unknown>>;
  if (!isString(job.messageId) || !UUID.test(job.messageId)) return 'messageId must be a UUID';
  if (!isString(job.appId) || job.appId.length === 0) return 'appId must be a non-empty string';
  if (!Array.isArray(job.channels) || job.channels.length === 0 || job.channels.length > MAX_CHANNELS) {
    return `channels must be an array of 1 to ${String(MAX_CHANNELS)} names`;
  }
  if (!job.channels.every((channel) => isString(channel) && channel.length > 0)) return 'channels must be non-empty strings';
  if (!isString(job.event) || job.event.length === 0) return 'event must be a non-empty string';
  if (!isString(job.data)) return 'data must be a string';
  if (job.socketId !== undefined && job.socketId !== null && !isString(job.socketId)) return 'socketId must be a string';
  if (job.seq !== undefined && !(Number.isSafeInteger(job.seq) && (job.seq as number) > 0)) return 'seq must be a positive integer';
  return null;
}
