import { useEffect, useState } from 'react';
import type { Channel } from 'pusher-js';
import { usePusherContext } from './pusher-context.js';
import type { SubscriptionParams } from './types.js';

/**
 * Subscribes to `channel` while the component is mounted and returns the pusher-js channel (null
 * before the first effect, or when `channel` is null). Private and presence channels are authorized
 * through the api's `/pusher/auth` with `params.token` (else the provider's token); the socket is
 * registered in the membership registry as `params.userId`. Components on the same channel share
 * one subscription; a change of channel, user or token releases the old hold and takes a new one.
 */
export function useChannel(channel: string | null | undefined, params: SubscriptionParams = {}): Channel | null {
  const { subscriptions } = usePusherContext();
  const [held, setHeld] = useState<Channel | null>(null);
  const { userId, token } = params;

  useEffect(() => {
    if (!channel) return;
    const lease = subscriptions.acquire(channel, { userId, token });
    // The lease is an external subscription; its channel object becomes visible on the next render.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setHeld(lease.channel);
    return () => {
      lease.release();
      setHeld(null);
    };
  }, [subscriptions, channel, userId, token]);

  return held;
}
