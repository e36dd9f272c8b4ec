import type { WebhookEvent } from '@app/pusher-protocol';
import type { RealtimeApp } from '../app-registry/realtime-app';

export type { WebhookEvent, WebhookEventName } from '@app/pusher-protocol';

/**
 * Reports webhook events of an app. `emit` never blocks nor throws: events are stored in Redis within
 * the tick, then batched per app over REALTIME_WEBHOOK_BATCH_MS (default 50 ms) into one signed body
 * per receiver and delivered through a queue with retries. Apps without webhook targets cost nothing.
 */
export abstract class WebhookEmitter {
  abstract emit(app: RealtimeApp, event: WebhookEvent): void;
}
