import type { SendWebhookJobData } from '@app/contracts';
import { buildWebhookRequest, WEBHOOK_HEADERS } from '@app/pusher-protocol';
import type { WebhookBatch } from './webhook-batcher';

/**
 * Turns a batch into one signed delivery per receiver of the app. A receiver with an `events` list
 * gets only those event names (and nothing when none is left), and its body is signed on its own
 * bytes, so a filtered body is still valid for `pusher.webhook(...)`.
 */
export function buildWebhookDeliveries(batch: WebhookBatch): SendWebhookJobData[] {
  const { app, timeMs } = batch;
  const deliveries: SendWebhookJobData[] = [];
  for (const target of app.webhooks) {
    const wanted = target.events;
    const events = wanted ? batch.events.filter((event) => wanted.includes(event.name)) : batch.events;
    if (events.length === 0) continue;
    const { body, headers } = buildWebhookRequest(events, app, timeMs);
    deliveries.push({ appId: app.id, url: target.url, body, key: app.key, signature: headers[WEBHOOK_HEADERS.signature] });
  }
  return deliveries;
}
