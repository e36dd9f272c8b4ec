import WebSocket from 'ws';

/** A decoded server frame. `data` is parsed when it is a JSON string, as pusher-js does. */
export interface ServerFrame {
  event: string;
  channel?: string;
  data?: unknown;
  user_id?: string;
  /** The frame exactly as received. */
  raw: string;
}

/**
 * A raw WebSocket client for protocol tests: keeps every frame, waits for frames matching a predicate
 * (bounded in time), and reports the close code.
 */
export class WsClient {
  readonly frames: ServerFrame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: { match: (frame: ServerFrame) => boolean; resolve: (frame: ServerFrame) => void }[] = [];
  private cursor = 0;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const raw = data.toString();
      const parsed = JSON.parse(raw) as Omit<ServerFrame, 'raw'>;
      let payload = parsed.data;
      if (typeof payload === 'string') {
        try {
          payload = JSON.parse(payload);
        } catch {
          // a plain string
        }
      }
      const frame = { ...parsed, data: payload, raw };
      this.frames.push(frame);
      this.waiters = this.waiters.filter((waiter) => (waiter.match(frame) ? (waiter.resolve(frame), false) : true));
    });
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /** Opens `url` (e.g. ws://127.0.0.1:port/app/app-key?protocol=7). */
  static async open(url: string): Promise<WsClient> {
    const socket = new WebSocket(url);
    const client = new WsClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return client;
  }

  /** Opens and waits for `pusher:connection_established`; returns the client and its socket id. */
  static async connect(baseUrl: string, key = 'app-key'): Promise<{ client: WsClient; socketId: string }> {
    const client = await WsClient.open(`${baseUrl.replace(/^http/, 'ws')}/app/${key}?protocol=7&client=js&version=8.6.0&flash=false`);
    const established = await client.next((frame) => frame.event === 'pusher:connection_established');
    return { client, socketId: (established.data as { socket_id: string }).socket_id };
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The next frame (after the ones already taken by `next`) matching `match`, waiting up to `timeoutMs`. */
  next(match: (frame: ServerFrame) => boolean = () => true, timeoutMs = 5000): Promise<ServerFrame> {
    for (let i = this.cursor; i < this.frames.length; i++) {
      if (match(this.frames[i])) {
        this.cursor = i + 1;
        return Promise.resolve(this.frames[i]);
      }
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching frame within ${timeoutMs} ms; got ${this.frames.map((f) => f.raw).join('\n')}`)),
        timeoutMs,
      );
      this.waiters.push({
        match,
        resolve: (frame) => {
          clearTimeout(timer);
          this.cursor = this.frames.indexOf(frame) + 1;
          resolve(frame);
        },
      });
    });
  }

  /** Frames of `event` (optionally on `channel`) received so far. */
  received(event: string, channel?: string): ServerFrame[] {
    return this.frames.filter((frame) => frame.event === event && (channel === undefined || frame.channel === channel));
  }

  /** Subscribes and waits for the channel's success or error frame. */
  async subscribe(channel: string, extra: { auth?: string; channel_data?: string } = {}): Promise<ServerFrame> {
    this.send({ event: 'pusher:subscribe', data: { channel, auth: extra.auth ?? '', ...extra } });
    return this.next(
      (frame) =>
        frame.channel === channel &&
        (frame.event === 'pusher_internal:subscription_succeeded' || frame.event === 'pusher:subscription_error'),
    );
  }

  close(): Promise<{ code: number; reason: string }> {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) this.socket.close();
    return this.closed;
  }

  terminate(): void {
    this.socket.terminate();
  }
}
