import Pusher, { type Channel } from 'pusher-js';
import ServerSdk from 'pusher';
import type { RunningApp } from '../../support';

/** Master key of `private-encrypted-` channels in these tests (the app server's secret; never sent to the realtime server). */
export const TEST_ENCRYPTION_MASTER_KEY = Buffer.alloc(32, 7).toString('base64');

const server = new ServerSdk({
  appId: 'app-id',
  key: 'app-key',
  secret: 'app-secret',
  host: '127.0.0.1',
  useTLS: false,
  encryptionMasterKeyBase64: TEST_ENCRYPTION_MASTER_KEY,
});

/** Options for a test pusher-js client; `user` sets the presence member and the sign-in user (with its watchlist). */
export interface ClientOptions {
  user?: { id: string; info?: Record<string, unknown>; watchlist?: string[] };
}

/**
 * A real pusher-js (Node build) client connected to one node, authorizing channels and sign-in with the
 * server SDK in-process (as an app's auth endpoint would). Resolves once `connected`.
 */
export async function connectPusherJs(node: RunningApp, options: ClientOptions = {}): Promise<Pusher> {
  const user = options.user;
  const client = new Pusher('app-key', {
    cluster: 'mt1',
    wsHost: '127.0.0.1',
    wsPort: node.port,
    forceTLS: false,
    enabledTransports: ['ws'],
    channelAuthorization: {
      customHandler: ({ socketId, channelName }, callback) => {
        const presence = channelName.startsWith('presence-') && user ? { user_id: user.id, user_info: user.info } : undefined;
        callback(null, server.authorizeChannel(socketId, channelName, presence));
      },
    },
    userAuthentication: {
      customHandler: ({ socketId }, callback) => {
        const userData = { id: user?.id ?? 'anonymous', user_info: user?.info, watchlist: user?.watchlist };
        callback(null, server.authenticateUser(socketId, userData));
      },
    },
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pusher-js did not connect to ${node.url}`)), 10_000);
    client.connection.bind('connected', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return client;
}

/** Subscribes and waits for `pusher:subscription_succeeded`; resolves to the channel. */
export function subscribed(client: Pusher, name: string): Promise<Channel> {
  return new Promise((resolve, reject) => {
    const channel = client.subscribe(name);
    const timer = setTimeout(() => reject(new Error(`no subscription_succeeded for ${name}`)), 10_000);
    channel.bind('pusher:subscription_succeeded', () => {
      clearTimeout(timer);
      resolve(channel);
    });
    channel.bind('pusher:subscription_error', (error: unknown) => {
      clearTimeout(timer);
      reject(new Error(`subscription_error on ${name}: ${JSON.stringify(error)}`));
    });
  });
}

/** Collects what a channel (or the user facade) receives for one event name. */
export function collect(
  target: { bind(event: string, callback: (data: unknown, metadata?: unknown) => void): unknown },
  event: string,
): unknown[] {
  const received: unknown[] = [];
  target.bind(event, (data: unknown) => received.push(data));
  return received;
}

/** Waits until `check` passes (polling), failing after `timeoutMs`. */
export async function eventually(check: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
