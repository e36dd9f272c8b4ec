import type { WebhookEvent } from '@app/pusher-protocol';
import { RedisKeys, webhookClaimKey, webhookPendingKey } from '@app/redis';
import type Redis from 'ioredis';

/** A webhook event as kept in Redis until it is sent: `t` is when it happened (Unix ms). */
export interface PendingWebhookEvent {
  t: number;
  e: WebhookEvent;
}

/** Pending events of an app nobody flushes (deleted app) expire after this long. */
const PENDING_TTL_SECONDS = 24 * 3600;

// Resumes this flush's earlier claim if it has one (a retry after a crash), else moves up to ARGV[1] events
// from the pending list to the claim, atomically, so two flushes never take the same events.
const CLAIM = `
local claimed = redis.call('LRANGE', KEYS[2], 0, -1)
if #claimed > 0 then return claimed end
claimed = redis.call('LRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1)
if #claimed == 0 then return claimed end
redis.call('LTRIM', KEYS[1], #claimed, -1)
redis.call('RPUSH', KEYS[2], unpack(claimed))
redis.call('EXPIRE', KEYS[2], tonumber(ARGV[2]))
return claimed
`;

/**
 * Webhook events wait in Redis, not in a node's memory, between being emitted and being batched, so a node
 * that dies (even SIGKILL) loses at most the events of its current tick. A flush claims events before it
 * queues their deliveries and releases the claim after, so a flush retried after a crash resumes its claim.
 */
export class RedisWebhookBuffer {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async append(appId: string, events: PendingWebhookEvent[]): Promise<void> {
    if (events.length === 0) return;
    const key = webhookPendingKey(this.keys, appId);
    await this.redis
      .multi()
      .rpush(key, ...events.map((event) => JSON.stringify(event)))
      .expire(key, PENDING_TTL_SECONDS)
      .exec();
  }

  /** Up to `max` of the app's oldest pending events, claimed for `flushId` (or its earlier claim, when resuming). */
  async claim(appId: string, flushId: string, max: number): Promise<PendingWebhookEvent[]> {
    const entries = (await this.redis.eval(
      CLAIM,
      2,
      webhookPendingKey(this.keys, appId),
      webhookClaimKey(this.keys, appId, flushId),
      String(max),
      String(PENDING_TTL_SECONDS),
    )) as string[];
    return entries.flatMap((entry) => {
      const parsed = JSON.parse(entry) as Partial<PendingWebhookEvent>;
      return typeof parsed.t === 'number' && typeof parsed.e?.name === 'string' ? [parsed as PendingWebhookEvent] : [];
    });
  }

  /** Drops a claim whose deliveries are queued. */
  async release(appId: string, flushId: string): Promise<void> {
    await this.redis.del(webhookClaimKey(this.keys, appId, flushId));
  }
}
