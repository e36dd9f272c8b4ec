/**
 * What a connection needs from a WebSocket library, so the hot path does not depend on one. `send`
 * takes a text frame's UTF-8 bytes; a broadcast passes the same Buffer to every socket.
 */
export interface SocketTransport {
  /** Queues one text frame. Never throws on a closing socket (the frame is dropped). */
  send(frame: Buffer | string): void;
  /** Bytes accepted by `send` but not yet handed to the kernel. */
  readonly bufferedAmount: number;
  /** Starts the closing handshake with a code and a short reason. */
  close(code: number, reason: string): void;
  /** Destroys the socket at once. */
  terminate(): void;
}
