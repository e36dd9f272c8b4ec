import { useChannel } from './use-channel.js';
import { useEvent, type EventHandler } from './use-event.js';
import type { SubscriptionParams } from './types.js';

export interface PusherProps<T = unknown> {
  /** Channel to subscribe to (`presence-` and `private-` channels are authorized through the api). */
  channel: string;
  /** Event to listen for. */
  event: string;
  /** Called with each event's data; the latest handler is always the one called. */
  handler: EventHandler<T>;
  /** The user the socket is registered as, and the bearer token proving it. */
  params?: SubscriptionParams;
}

/**
 * Declarative subscription: renders nothing, subscribes to `channel`, calls `handler` for `event`,
 * and keeps the api's membership registry in step (see `useChannel`).
 */
export function Pusher<T = unknown>({ channel, event, handler, params }: PusherProps<T>) {
  const subscribed = useChannel(channel, params);
  useEvent(subscribed, event, handler);
  return null;
}
