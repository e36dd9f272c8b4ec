import type { SendWebhookJobData } from '@app/contracts';
import { WEBHOOK_CONTENT_TYPE, WEBHOOK_HEADERS } from '@app/pusher-protocol';

/** A delivery attempt that did not get a 2xx; the message says what the receiver did. */
export class WebhookDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookDeliveryError';
  }
}

/**
 * POSTs one webhook body with Pusher's headers. Resolves on any 2xx; throws WebhookDeliveryError on
 * another status, a network error or no answer within `timeoutMs`, so the queue retries it.
 */
export async function sendWebhook(job: SendWebhookJobData, timeoutMs: number): Promise<number> {
  let response: Response;
  try {
    response = await fetch(job.url, {
      method: 'POST',
      // Exactly `application/json`: pusher-http-node's webhook check rejects a charset suffix.
      headers: {
        [WEBHOOK_HEADERS.contentType]: WEBHOOK_CONTENT_TYPE,
        [WEBHOOK_HEADERS.key]: job.key,
        [WEBHOOK_HEADERS.signature]: job.signature,
      },
      body: job.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const failure = error as Error & { cause?: Error };
    const reason =
      failure.name === 'TimeoutError' ? `no answer within ${String(timeoutMs)} ms` : (failure.cause?.message ?? failure.message);
    throw new WebhookDeliveryError(`POST ${job.url} failed: ${reason}`);
  }
  // The receiver's answer is not used; draining it frees the connection.
  await response.arrayBuffer().catch(() => undefined);
  if (response.status < 200 || response.status >= 300) {
    throw new WebhookDeliveryError(`POST ${job.url} answered ${String(response.status)}`);
  }
  return response.status;
}
