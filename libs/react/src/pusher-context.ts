import { createContext, useContext } from 'react';
import type Pusher from 'pusher-js';
import type { ApiClient } from './api-client.js';
import type { ChannelSubscriptions } from './channel-subscriptions.js';

/** What `<PusherProvider>` shares with its descendants. */
export interface PusherContextValue {
  pusher: Pusher;
  api: ApiClient;
  subscriptions: ChannelSubscriptions;
}

export const PusherContext = createContext<PusherContextValue | null>(null);

/** The provider's connection, api client and subscriptions; throws outside `<PusherProvider>`. */
export function usePusherContext(): PusherContextValue {
  const value = useContext(PusherContext);
  if (!value) throw new Error('Pusher hooks and components must be rendered inside <PusherProvider>');
  return value;
}
