import { CloseCode } from '@app/pusher-protocol';
import type { RealtimeApp } from '../app-registry/realtime-app';
import type { ConnectionStats } from './connection-stats';
import type { SocketTransport } from './socket-transport';
import { Subscription } from './subscription';

/** A signed-in user (`pusher:signin`). */
export interface ConnectionUser {
  id: string;
  /** The exact `user_data` string that was signed. */
  data: string;
  /** `user_info` from user_data, used as presence member info when a subscribe carries no channel_data. */
  info: unknown;
  /** User ids whose online/offline transitions this socket receives (`user_data.watchlist`). */
  watchlist: readonly string[];
}

/**
 * One client socket: its app, channels, signed-in user and liveness. Sends are bounded: once the
 * transport holds more than `sendBufferBytes` unsent bytes the client is closed (4100) instead of
 * letting memory grow. Plain class, no framework; the gateway owns its lifecycle.
 */
export class Connection {
  readonly subscriptions = new Map<string, Subscription>();
  user: ConnectionUser | undefined;
  /** Last time any frame arrived (ms). */
  lastSeenAt = Date.now();
  /** When the server pinged and still waits for an answer (ms), else 0. */
  pingSentAt = 0;
  closed = false;
  /** Set once the socket's channels and counts were released (close or shutdown). */
  released = false;
  /** Pending close of an authorized-connections socket that has not signed in yet. */
  signinDeadline: NodeJS.Timeout | undefined;
  private tail: Promise<void> = Promise.resolve();
  private clientEventWindowStart = 0;
  private clientEventCount = 0;

  constructor(
    readonly socketId: string,
    public app: RealtimeApp,
    private readonly transport: SocketTransport,
    private readonly sendBufferBytes: number,
    private readonly stats: ConnectionStats,
  ) {}

  /** Writes a frame unless closed; closes a client whose unsent bytes pass the ceiling. */
  send(frame: Buffer | string): void {
    if (this.closed) return;
    if (this.transport.bufferedAmount > this.sendBufferBytes) {
      this.stats.slowConsumersClosed++;
      this.close(CloseCode.OverCapacity, 'Client too slow: send buffer full');
      return;
    }
    this.stats.messagesOut++;
    this.transport.send(frame);
  }

  /** Sends the close frame once; cleanup runs when the transport reports the close. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.transport.close(code, reason);
  }

  terminate(): void {
    this.closed = true;
    this.transport.terminate();
  }

  /** Records inbound traffic: any frame proves the client alive. */
  touch(now: number): void {
    this.lastSeenAt = now;
    this.pingSentAt = 0;
  }

  /** Counts a client event against the app's per-second limit; false when over it. */
  allowClientEvent(now: number): boolean {
    if (now - this.clientEventWindowStart >= 1000) {
      this.clientEventWindowStart = now;
      this.clientEventCount = 0;
    }
    this.clientEventCount++;
    return this.clientEventCount <= this.app.maxClientEventsPerSecond;
  }

  /**
   * Runs this socket's channel operations (subscribe, unsubscribe, release) one after another, so their
   * Redis writes happen in the order the client asked for them. Rejections reach the caller only.
   */
  serialize(task: () => Promise<void>): Promise<void> {
    const run = this.tail.then(task);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Starts a pending subscription; undefined when this socket is already subscribed (or subscribing). */
  beginSubscription(channel: string): Subscription | undefined {
    if (this.subscriptions.has(channel)) return undefined;
    const subscription = new Subscription(this, channel);
    this.subscriptions.set(channel, subscription);
    return subscription;
  }
}
