import { CloseCode, CLOSE_MESSAGES, PING_FRAME } from '@app/pusher-protocol';
import type { ConnectionRegistry } from '../connection/connection-registry';

const CLOSE_GRACE_MS = 2000;

/**
 * Pings sockets silent for `activityTimeoutMs` (`pusher:ping`) and closes with 4201 those that stay
 * silent `pongTimeoutMs` after it. One timer sweeps every socket (no timer per socket); a sweep runs
 * every quarter of the shorter timeout, at most once a second.
 */
export class LivenessMonitor {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly activityTimeoutMs: number,
    private readonly pongTimeoutMs: number,
  ) {}

  start(): void {
    const period = Math.max(50, Math.min(1000, Math.floor(Math.min(this.activityTimeoutMs, this.pongTimeoutMs) / 4)));
    this.timer = setInterval(() => this.sweep(Date.now()), period);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  sweep(now: number): void {
    for (const connection of this.connections.all()) {
      if (connection.closed) {
        // A peer that ignores the close frame too is cut off, so its presence members go soon.
        if (connection.pingSentAt !== 0 && now - connection.pingSentAt >= this.pongTimeoutMs + CLOSE_GRACE_MS) connection.terminate();
        continue;
      }
      if (connection.pingSentAt !== 0) {
        if (now - connection.pingSentAt >= this.pongTimeoutMs) {
          connection.close(CloseCode.PongNotReceived, CLOSE_MESSAGES[CloseCode.PongNotReceived]);
        }
      } else if (now - connection.lastSeenAt >= this.activityTimeoutMs) {
        connection.pingSentAt = now;
        connection.send(PING_FRAME);
      }
    }
  }
}
