import type { Connection } from './connection';

/**
 * One socket's membership of one channel. While `pending` holds an array the subscription is being
 * set up (Redis round trips in flight): frames for the channel are held there and flushed right
 * after `subscription_succeeded`, so a subscriber never sees channel events before its snapshot.
 */
export class Subscription {
  pending: (Buffer | string)[] | null = [];
  /** Presence channels: the member this socket joined as. */
  userId?: string;

  constructor(
    readonly connection: Connection,
    readonly channel: string,
  ) {}

  /** Delivers a channel frame, or holds it while the subscription is pending (bounded by the send ceiling). */
  deliver(frame: Buffer | string): void {
    if (this.pending === null) {
      this.connection.send(frame);
    } else if (this.pending.length < PENDING_FRAMES_LIMIT) {
      this.pending.push(frame);
    }
  }

  /** Drops held frames matching `stale` (used before activation, e.g. member events a snapshot already covers). */
  discardPending(stale: (frame: Buffer | string) => boolean): void {
    if (this.pending && this.pending.length > 0) this.pending = this.pending.filter((frame) => !stale(frame));
  }

  /** Marks the subscription live and sends what arrived meanwhile. */
  activate(): void {
    const held = this.pending;
    this.pending = null;
    if (held) for (const frame of held) this.connection.send(frame);
  }
}

/** Frames held for one pending subscription; a setup takes milliseconds, so this is never reached in practice. */
const PENDING_FRAMES_LIMIT = 1000;
