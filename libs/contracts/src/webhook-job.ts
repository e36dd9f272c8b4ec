/** Job of the `webhooks` queue that turns an app's pending webhook events into signed deliveries. */
export const FLUSH_WEBHOOKS_JOB = 'flush-webhooks';

/** Payload of a `flush-webhooks` job: the app whose pending events are due. */
export interface FlushWebhooksJobData {
  appId: string;
}

/** True when a value read back from the queue has the shape of FlushWebhooksJobData. */
export function isFlushWebhooksJobData(value: unknown): value is FlushWebhooksJobData {
  return typeof value === 'object' && value !== null && typeof (value as { appId?: unknown }).appId === 'string';
}

/**
 * Payload of a `send-webhook` job (queue `webhooks`): one signed body for one receiver. The body is
 * serialized and signed once when the job is queued, so every retry sends the same bytes.
 */
export interface SendWebhookJobData {
  appId: string;
  /** Receiver URL (http or https). */
  url: string;
  /** The exact JSON body, `{"time_ms":...,"events":[...]}`. */
  body: string;
  /** `X-Pusher-Key`: the app key. */
  key: string;
  /** `X-Pusher-Signature`: hex HMAC-SHA256 of `body` with the app secret. */
  signature: string;
}

/** True when a value read back from the queue has the shape of SendWebhookJobData. */
export function isSendWebhookJobData(value: unknown): value is SendWebhookJobData {
  if (typeof value !== 'object' || value === null) return false;
  const job = value as Record<string, unknown>;
  return ['appId', 'url', 'body', 'key', 'signature'].every((field) => typeof job[field] === 'string' && job[field].length > 0);
}
