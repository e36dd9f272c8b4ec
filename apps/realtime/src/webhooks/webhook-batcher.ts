import type { WebhookEvent } from '@app/pusher-protocol';
import type { RealtimeApp } from '../app-registry/realtime-app';

/** Events of one app collected during one window, in the order they were emitted. */
export interface WebhookBatch {
  /** The app as it was at the last event of the batch. */
  app: RealtimeApp;
  /** When the batch was opened (Unix ms): the body's `time_ms`. */
  timeMs: number;
  events: WebhookEvent[];
}

/**
 * Collects webhook events per app and hands each app's batch to `flush` once `windowMs` has passed
 * since its first event, or at once when it reaches `maxEvents`. A window of 0 still groups the
 * events emitted in the same tick. Plain class: no I/O, no framework.
 */
export class WebhookBatcher {
  private readonly open = new Map<string, { batch: WebhookBatch; timer: NodeJS.Timeout }>();

  constructor(
    private readonly windowMs: number,
    private readonly flush: (batch: WebhookBatch) => void,
    private readonly maxEvents = 100,
    private readonly now: () => number = Date.now,
  ) {}

  add(app: RealtimeApp, event: WebhookEvent): void {
    let entry = this.open.get(app.id);
    if (!entry) {
      const batch: WebhookBatch = { app, timeMs: this.now(), events: [] };
      const timer = setTimeout(() => this.close(app.id), this.windowMs);
      entry = { batch, timer };
      this.open.set(app.id, entry);
    }
    entry.batch.app = app;
    entry.batch.events.push(event);
    if (entry.batch.events.length >= this.maxEvents) this.close(app.id);
  }

  /** Hands over every open batch now (used at shutdown). */
  flushAll(): void {
    for (const appId of [...this.open.keys()]) this.close(appId);
  }

  /** Number of apps with an open batch. */
  get pendingApps(): number {
    return this.open.size;
  }

  private close(appId: string): void {
    const entry = this.open.get(appId);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.open.delete(appId);
    this.flush(entry.batch);
  }
}
