import { useCallback, useEffect, useRef, useState } from 'react';
import { usePusherContext } from './pusher-context.js';
import { useChannel } from './use-channel.js';
import type { ChannelMembers, SubscriptionParams } from './types.js';

export interface MembersState extends ChannelMembers {
  /** True until the first answer for this channel. */
  loading: boolean;
  error: Error | null;
  /** Fetches the list again now. */
  refresh: () => void;
}

export interface UseMembersOptions extends SubscriptionParams {
  /** Background refetch period in ms (0 turns it off); 30 s by default. */
  pollMs?: number;
}

/** Member events arrive before the newcomer has registered its socket, so each one triggers a second, later refetch. */
const SETTLE_DELAYS_MS = [150, 1_500];

const EMPTY: ChannelMembers = { channel: '', members: [], total: 0, sockets: 0, platforms: {}, nextCursor: null };

/**
 * The live member list of `channel` from the api's membership registry (`GET /channels/{channel}/members`),
 * with distinct-user counts per platform. It subscribes to the channel and refetches when presence
 * members come and go, when this socket's own registration lands, and every `pollMs`.
 */
export function useMembers(channel: string | null | undefined, options: UseMembersOptions = {}): MembersState {
  const { api, subscriptions } = usePusherContext();
  const { userId, token, pollMs = 30_000 } = options;
  const subscribed = useChannel(channel, { userId, token });
  // State is tagged with its channel, so switching channels shows a loading state without a reset effect.
  const [state, setState] = useState<{ channel: string | null | undefined; data: ChannelMembers; error: Error | null }>({
    channel: undefined,
    data: EMPTY,
    error: null,
  });
  const generation = useRef(0);

  const fetchNow = useCallback(() => {
    if (!channel) return;
    const mine = ++generation.current;
    api.members(channel, { token }).then(
      (data) => {
        if (mine === generation.current) setState({ channel, data, error: null });
      },
      (error: unknown) => {
        const failure = error instanceof Error ? error : new Error(String(error));
        if (mine === generation.current)
          setState((previous) => ({ channel, data: previous.channel === channel ? previous.data : EMPTY, error: failure }));
      },
    );
  }, [api, channel, token]);

  useEffect(fetchNow, [fetchNow]);

  useEffect(() => {
    if (!subscribed || !channel) return;
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const settle = () => {
      for (const delay of SETTLE_DELAYS_MS) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          fetchNow();
        }, delay);
        timers.add(timer);
      }
    };
    subscribed.bind('pusher:member_added', settle);
    subscribed.bind('pusher:member_removed', settle);
    const offRegistered = subscriptions.onRegistered(channel, fetchNow);
    const poll = pollMs > 0 ? setInterval(fetchNow, pollMs) : undefined;
    return () => {
      subscribed.unbind('pusher:member_added', settle);
      subscribed.unbind('pusher:member_removed', settle);
      offRegistered();
      clearInterval(poll);
      for (const timer of timers) clearTimeout(timer);
    };
  }, [subscribed, channel, subscriptions, fetchNow, pollMs]);

  const current = state.channel === channel;
  return {
    ...(current ? state.data : EMPTY),
    loading: Boolean(channel) && !current,
    error: current ? state.error : null,
    refresh: fetchNow,
  };
}
