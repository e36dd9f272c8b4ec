import { deliveryBackoffMs, RetryPolicy } from './delivery-backoff';
import type { DeliveryFailure } from './delivery-error';

/** One message as the trigger call needs it. */
export interface LaneMessage {
  id: string;
  channels: string[];
  event: string;
  data: string;
  socketId?: string;
}

/** A message handed to a lane with its history: attempts already made (in earlier takes) and its policy. */
export interface LaneItem {
  message: LaneMessage;
  attempts: number;
  policy: RetryPolicy;
  /** The message's place in the queue, when known: items submitted in the same event-loop turn are sent in this order. */
  order?: number;
}

/**
 * How a message left the lane:
 * - `delivered`: the target accepted it.
 * - `failed`: refused for good, or out of attempts; `failure` says why.
 * - `released`: the lane is draining and the target is unavailable; give the message back to the
 *   queue untouched (releases happen last-first, so putting each back at the head keeps the order).
 */
export type LaneOutcome =
  | { status: 'delivered'; attempts: number }
  | { status: 'failed'; attempts: number; failure: DeliveryFailure }
  | { status: 'released'; attempts: number };

/** A message waiting out a transient failure, as reported to `onRetry`. */
export interface RetryingMessage {
  message: LaneMessage;
  attempts: number;
}

export interface LaneHooks {
  /** Sends one message (`trigger`) or several single-channel ones (`triggerBatch`); rejects on failure. */
  send(messages: LaneMessage[]): Promise<void>;
  classify(error: unknown): DeliveryFailure;
  /** Told before the lane waits `delayMs` to try `messages` again; must not throw. */
  onRetry(failure: DeliveryFailure, delayMs: number, messages: RetryingMessage[]): void;
}

export interface LaneOptions {
  /** Most messages per send (1-10). */
  batchSize: number;
  /** How long a message that finds the lane idle waits for companions before it is sent. */
  lingerMs: number;
  random?: () => number;
}

interface Entry {
  item: LaneItem;
  /** Tries made by this lane. */
  tries: number;
  settle(outcome: LaneOutcome): void;
}

/**
 * Delivers the messages of one app in the order they were submitted, with one send in flight at a
 * time so a later message can never overtake an earlier one. Submission order is corrected by
 * `order` within an event-loop turn: BullMQ hands a worker the jobs it takes at one instant through
 * promise chains of different lengths, so they can arrive swapped (seen in one turn, never across
 * turns); a batch is therefore taken no sooner than the turn after its messages arrived.
 *
 * Batching: messages that arrive while a send is in flight are sent together by the next one (up to
 * `batchSize`); a message that finds the lane idle waits at most `lingerMs`. A multi-channel message
 * cannot be a batch item (a batch item has one channel) so it is sent alone, in its place.
 *
 * Failures: a permanent failure of a batch is retried item by item so only the bad message fails; a
 * transient failure holds the lane (everything behind waits, in order) and tries the same messages
 * again after an exponential, jittered delay, until a message runs out of attempts.
 */
export class TriggerLane {
  private readonly pending: Entry[] = [];
  private pumping = false;
  private startQueued = false;
  private draining = false;
  private lingerTimer?: NodeJS.Timeout;
  private wake?: () => void;

  constructor(
    private readonly hooks: LaneHooks,
    private readonly options: LaneOptions,
  ) {}

  /** Queues a message; the promise settles with its outcome and never rejects. */
  submit(item: LaneItem): Promise<LaneOutcome> {
    return new Promise<LaneOutcome>((settle) => {
      this.enqueue({ item, tries: 0, settle });
      this.schedule();
    });
  }

  /** True when nothing is queued or in flight. */
  get idle(): boolean {
    return !this.pumping && this.pending.length === 0;
  }

  /**
   * Stops waiting: queued messages are sent at once, and as soon as the target is unavailable
   * every message still in the lane is released instead of retried.
   */
  drain(): void {
    this.draining = true;
    this.wake?.();
    if (this.pending.length > 0) this.startPump();
  }

  /** Queues an entry behind those of a lower or unknown `order`. */
  private enqueue(entry: Entry): void {
    const order = entry.item.order;
    let at = this.pending.length;
    if (order !== undefined) {
      while (at > 0 && (this.pending[at - 1].item.order ?? -Infinity) > order) at -= 1;
    }
    this.pending.splice(at, 0, entry);
  }

  private schedule(): void {
    if (this.pumping || this.startQueued) return;
    if (this.draining || this.options.lingerMs === 0 || this.pending.length >= this.options.batchSize) {
      this.startQueued = true;
      setImmediate(() => {
        this.startQueued = false;
        this.startPump();
      });
      return;
    }
    this.lingerTimer ??= setTimeout(() => this.startPump(), this.options.lingerMs);
  }

  private startPump(): void {
    clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
    if (this.pumping) return;
    this.pumping = true;
    void this.pump().finally(() => {
      this.pumping = false;
      if (this.pending.length > 0) this.schedule();
    });
  }

  private async pump(): Promise<void> {
    while (this.pending.length > 0) {
      await this.dispatch(this.takeBatch());
      // Let the messages that arrived with the send's reply find their places first.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  private takeBatch(): Entry[] {
    const single = (entry: Entry | undefined) => entry !== undefined && entry.item.message.channels.length === 1;
    if (!single(this.pending[0])) return this.pending.splice(0, 1);
    let count = 1;
    while (count < this.options.batchSize && single(this.pending[count])) count += 1;
    return this.pending.splice(0, count);
  }

  private async dispatch(batch: Entry[]): Promise<void> {
    let live = batch;
    while (live.length > 0) {
      let error: unknown;
      try {
        await this.hooks.send(live.map((entry) => entry.item.message));
      } catch (caught) {
        error = caught ?? new Error('send failed');
      }
      for (const entry of live) entry.tries += 1;
      if (error === undefined) {
        for (const entry of live) entry.settle({ status: 'delivered', attempts: attemptsOf(entry) });
        return;
      }
      const failure = this.hooks.classify(error);
      if (failure.kind === 'permanent') {
        if (live.length === 1) {
          live[0].settle({ status: 'failed', attempts: attemptsOf(live[0]), failure });
          return;
        }
        // One bad item fails a whole batch; find it by sending each alone, in order. That refusal
        // was not each message's own, so it does not count as one of its attempts.
        for (const entry of live) entry.tries -= 1;
        for (const entry of live) await this.dispatch([entry]);
        return;
      }
      const stillTrying: Entry[] = [];
      for (const entry of live) {
        if (attemptsOf(entry) >= entry.item.policy.maxAttempts) entry.settle({ status: 'failed', attempts: attemptsOf(entry), failure });
        else stillTrying.push(entry);
      }
      live = stillTrying;
      if (live.length === 0) return;
      if (this.draining) {
        await this.releaseAll(live);
        return;
      }
      const delayMs = deliveryBackoffMs(attemptsOf(live[0]), live[0].item.policy, this.options.random);
      this.hooks.onRetry(
        failure,
        delayMs,
        live.map((entry) => ({ message: entry.item.message, attempts: attemptsOf(entry) })),
      );
      await this.pause(delayMs);
      if (this.draining) {
        await this.releaseAll(live);
        return;
      }
    }
  }

  /** Releases `held` and everything queued behind it, last first, one per event-loop turn. */
  private async releaseAll(held: Entry[]): Promise<void> {
    const all = [...held, ...this.pending.splice(0)];
    for (const entry of all.reverse()) {
      entry.settle({ status: 'released', attempts: attemptsOf(entry) });
      // Each release ends in a Redis command that puts the job back at the head of the queue; a turn
      // between releases keeps those commands in this order.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  private pause(delayMs: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, delayMs);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      this.wake = undefined;
    });
  }
}

function attemptsOf(entry: Entry): number {
  return entry.item.attempts + entry.tries;
}
