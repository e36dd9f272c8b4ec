import { useEffect } from 'react';
import type { Channel } from 'pusher-js';
import { useLatest } from './use-latest.js';

/** Metadata pusher-js passes with an event; `user_id` is set for client events on presence channels. */
export interface EventMetadata {
  user_id?: string;
}

export type EventHandler<T = unknown> = (data: T, metadata?: EventMetadata) => void;

/**
 * Binds `event` on `channel` while mounted. The binding is made once per channel and event; the
 * handler of the latest render is the one called, so passing an inline function does not rebind.
 */
export function useEvent<T = unknown>(channel: Channel | null, event: string | null | undefined, handler: EventHandler<T>): void {
  const latest = useLatest(handler);

  useEffect(() => {
    if (!channel || !event) return;
    const listener = (data: T, metadata?: EventMetadata) => latest.current(data, metadata);
    channel.bind(event, listener);
    return () => {
      channel.unbind(event, listener);
    };
  }, [channel, event, latest]);
}
