import type { WebhookEvent } from '@app/pusher-protocol';
import type { RealtimeApp } from '../app-registry/realtime-app';

export type { WebhookEvent, WebhookEventName } from '@app/pusher-protocol';

/**
 * Reports webhook events of an app. `emit` never blocks nor throws: events are collected per app
 * for a short window (REALTIME_WEBHOOK_BATCH_MS, default 50 ms), then one signed body per target
 * is queued for delivery with retries. Apps without webhook targets cost nothing.
 */
export abstract class WebhookEmitter {
  abstract emit(app: RealtimeApp, event: WebhookEvent): void;
}
