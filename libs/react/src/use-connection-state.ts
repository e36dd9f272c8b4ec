import { useSyncExternalStore } from 'react';
import { usePusherContext } from './pusher-context.js';

/** pusher-js connection states. */
export type ConnectionState = 'initialized' | 'connecting' | 'connected' | 'unavailable' | 'failed' | 'disconnected';

/** The provider connection's current state, re-rendering on every change. */
export function useConnectionState(): ConnectionState {
  const { pusher } = usePusherContext();
  return useSyncExternalStore(
    (onChange) => {
      pusher.connection.bind('state_change', onChange);
      return () => pusher.connection.unbind('state_change', onChange);
    },
    () => pusher.connection.state as ConnectionState,
    () => 'initialized',
  );
}
