import type { AppRegistry } from '../app-registry/app-registry';
import { buildWebhookDeliveries } from './webhook-deliveries';
import type { RedisWebhookBuffer } from './redis-webhook-buffer';
import type { WebhookQueue } from './webhook-queue';

/** Events per request body; a bigger backlog goes out in several bodies. */
export const MAX_EVENTS_PER_BODY = 100;
/** Bodies one flush job produces before it leaves the rest to the next flush. */
const MAX_BODIES_PER_FLUSH = 100;

/**
 * Turns an app's pending webhook events into signed deliveries on the queue, with the app as it is now
 * (targets, filters, key and secret). Events of an app that no longer exists are dropped. Each claim of up
 * to 100 events becomes one body per receiver, stamped with the time of its first event.
 */
export class WebhookFlusher {
  constructor(
    private readonly registry: AppRegistry,
    private readonly buffer: RedisWebhookBuffer,
    private readonly queue: WebhookQueue,
  ) {}

  /** Flushes until the app has nothing pending; `flushId` names this flush's claim (the job id). */
  async flush(appId: string, flushId: string): Promise<number> {
    let sent = 0;
    for (let round = 0; round < MAX_BODIES_PER_FLUSH; round++) {
      const pending = await this.buffer.claim(appId, flushId, MAX_EVENTS_PER_BODY);
      if (pending.length === 0) return sent;
      const app = this.registry.findById(appId);
      if (app) {
        const deliveries = buildWebhookDeliveries({ app, timeMs: pending[0].t, events: pending.map((entry) => entry.e) });
        await this.queue.add(deliveries);
        sent += pending.length;
      }
      await this.buffer.release(appId, flushId);
    }
    // A long backlog: leave the rest to a fresh flush rather than hold this job.
    await this.queue.scheduleFlush(appId, 0);
    return sent;
  }
}
