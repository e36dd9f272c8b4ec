import { useCallback } from 'react';
import type { Channel } from 'pusher-js';

/**
 * Returns a function that sends a client event on `channel` (a subscribed private or presence
 * channel, with client events enabled on the app). The `client-` prefix is added when missing.
 * It returns false when the event could not be sent (not subscribed yet, or not connected).
 */
export function useTrigger<T = unknown>(channel: Channel | null): (event: string, data: T) => boolean {
  return useCallback(
    (event: string, data: T) => {
      if (!channel?.subscribed) return false;
      return channel.trigger(event.startsWith('client-') ? event : `client-${event}`, data);
    },
    [channel],
  );
}
