import Pusher from 'pusher-js';
import { localPusherOptions } from '../../support';

/** Signs a subscription: `{ auth, shared_secret? }` for a socket and channel. */
export type Authorizer = (socketId: string, channel: string) => { auth: string; shared_secret?: string };

/** An event as a subscriber saw it. */
export interface ReceivedEvent {
  channel: string;
  event: string;
  data: unknown;
}

/**
 * A real pusher-js client subscribed to some public channels of a realtime node, keeping every
 * non-internal event it receives, in arrival order.
 */
export class Subscriber {
  readonly events: ReceivedEvent[] = [];

  private constructor(
    private readonly pusher: Pusher,
    readonly socketId: string,
  ) {}

  /**
   * Connects and subscribes. Private and encrypted channels need `authorize`, which signs like an
   * app's auth endpoint would (e.g. the pusher SDK's `authorizeChannel`).
   */
  static async connect(port: number, channels: string[], authorize?: Authorizer, timeoutMs = 10_000): Promise<Subscriber> {
    const pusher = new Pusher('app-key', {
      ...localPusherOptions(port),
      ...(authorize
        ? {
            channelAuthorization: {
              endpoint: '/unused',
              transport: 'ajax' as const,
              customHandler: (
                params: { socketId: string; channelName: string },
                callback: (error: Error | null, data: { auth: string; shared_secret?: string } | null) => void,
              ) => callback(null, authorize(params.socketId, params.channelName)),
            },
          }
        : {}),
    });
    const subscriber = await new Promise<Subscriber>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('pusher-js did not connect')), timeoutMs);
      pusher.connection.bind('connected', () => {
        clearTimeout(timer);
        resolve(new Subscriber(pusher, pusher.connection.socket_id));
      });
    });
    await Promise.all(
      channels.map(
        (name) =>
          new Promise<void>((resolve, reject) => {
            const channel = pusher.subscribe(name);
            const timer = setTimeout(() => reject(new Error(`no subscription to ${name}`)), timeoutMs);
            channel.bind('pusher:subscription_succeeded', () => {
              clearTimeout(timer);
              resolve();
            });
            channel.bind_global((event: string, data: unknown) => {
              if (!event.startsWith('pusher:')) subscriber.events.push({ channel: name, event, data });
            });
          }),
      ),
    );
    return subscriber;
  }

  /** Waits until at least `count` events arrived (bounded in time), and returns them all. */
  async waitFor(count: number, timeoutMs = 20_000): Promise<ReceivedEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.events.length < count) {
      if (Date.now() > deadline)
        throw new Error(`got ${String(this.events.length)} of ${String(count)} events: ${JSON.stringify(this.events)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.events;
  }

  disconnect(): void {
    this.pusher.disconnect();
  }
}
