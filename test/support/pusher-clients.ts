import ServerSdk from 'pusher';
import type { Options } from 'pusher-js';
import { TEST_APP } from './test-database';

/**
 * pusher-js options for the default app on a local realtime node: plain `ws` on loopback, no TLS,
 * no fallback transports; `extra` adds (or overrides) the rest, such as authorization endpoints.
 */
export function localPusherOptions(port: number, extra: Partial<Options> = {}): Options {
  return { cluster: 'mt1', wsHost: '127.0.0.1', wsPort: port, forceTLS: false, enabledTransports: ['ws'], ...extra };
}

/** The pusher server SDK of the default app, as an app server would use it, pointed at a local realtime node. */
export function localServerSdk(port: number, extra: { encryptionMasterKeyBase64?: string } = {}): ServerSdk {
  return new ServerSdk({
    appId: TEST_APP.id,
    key: TEST_APP.key,
    secret: TEST_APP.secret,
    host: '127.0.0.1',
    port: String(port),
    useTLS: false,
    ...extra,
  });
}
