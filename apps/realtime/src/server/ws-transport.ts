import { WebSocket } from 'ws';
import type { SocketTransport } from '../connection/socket-transport';

const TEXT = { binary: false } as const;
const MAX_REASON_BYTES = 123;

/** SocketTransport over a `ws` socket: text frames, Buffers sent without copying, safe on closing sockets. */
export class WsTransport implements SocketTransport {
  constructor(private readonly socket: WebSocket) {}

  get bufferedAmount(): number {
    return this.socket.bufferedAmount;
  }

  send(frame: Buffer | string): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(frame, TEXT);
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    this.socket.close(code, Buffer.byteLength(reason) > MAX_REASON_BYTES ? reason.slice(0, MAX_REASON_BYTES / 4) : reason);
  }

  terminate(): void {
    this.socket.terminate();
  }
}
