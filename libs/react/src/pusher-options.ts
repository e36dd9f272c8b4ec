import type { Options } from 'pusher-js';
import type { PusherConnectionConfig } from './types.js';

/**
 * pusher-js options for our realtime server (when `host` is set) or hosted Pusher (when only
 * `cluster` is). WebSocket transports only: the HTTP fallbacks would send the key to Pusher's hosts.
 */
export function toPusherOptions(config: PusherConnectionConfig, token: () => string | null | undefined): Options {
  const options: Options = {
    // pusher-js 8 requires a cluster even when wsHost overrides it.
    cluster: config.cluster ?? 'mt1',
    enabledTransports: ['ws', 'wss'],
    channelAuthorization: {
      transport: 'ajax',
      endpoint: `${(config.apiUrl ?? '').replace(/\/+$/, '')}/pusher/auth`,
      headersProvider: () => {
        const bearer = token();
        return bearer ? { Authorization: `Bearer ${bearer}` } : {};
      },
    },
  };
  if (config.host) {
    options.wsHost = config.host;
    options.forceTLS = config.tls ?? false;
    if (config.port !== undefined) {
      options.wsPort = config.port;
      options.wssPort = config.port;
    }
  } else {
    options.forceTLS = config.tls ?? true;
  }
  return options;
}
