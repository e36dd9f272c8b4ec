import { useEffect, useState, type ReactNode } from 'react';
import Pusher from 'pusher-js';
import { ApiClient } from './api-client.js';
import { ChannelSubscriptions } from './channel-subscriptions.js';
import { PusherContext, type PusherContextValue } from './pusher-context.js';
import { toPusherOptions } from './pusher-options.js';
import { useLatest } from './use-latest.js';
import type { PusherConnectionConfig } from './types.js';

export interface PusherProviderProps extends PusherConnectionConfig {
  children?: ReactNode;
}

/**
 * Holds one pusher-js connection for its subtree. The connection is opened on mount and closed on
 * unmount; changing `appKey`, `host`, `port`, `tls`, `cluster`, `apiUrl` or `platform` opens a new one.
 * `getToken` is read on every request, so it may change without reconnecting.
 * A page hide unregisters every socket from the membership registry with `navigator.sendBeacon`.
 */
export function PusherProvider({ children, getToken, fetch, ...config }: PusherProviderProps) {
  const [value, setValue] = useState<PusherContextValue | null>(null);
  const tokenRef = useLatest(getToken);
  const fetchRef = useLatest(fetch);
  const { appKey, host, port, tls, cluster, apiUrl, platform } = config;

  useEffect(() => {
    const providerToken = () => tokenRef.current?.();
    const connection: PusherConnectionConfig = { appKey, host, port, tls, cluster, apiUrl };
    const api = new ApiClient({
      baseUrl: apiUrl ?? '',
      token: providerToken,
      fetch: (input, init) => (fetchRef.current ?? globalThis.fetch)(input, init),
    });
    const holder: { subscriptions?: ChannelSubscriptions } = {};
    const pusher = new Pusher(
      appKey,
      toPusherOptions(connection, () => holder.subscriptions?.token() ?? providerToken()),
    );
    const owned = new ChannelSubscriptions(pusher, api, platform ?? 'Web', providerToken);
    holder.subscriptions = owned;
    const onPageHide = () => owned.pageHidden();
    const onPageShow = (event: PageTransitionEvent) => event.persisted && owned.pageShown();
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('pageshow', onPageShow);
    setValue({ pusher, api, subscriptions: owned });
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('pageshow', onPageShow);
      owned.dispose();
      pusher.disconnect();
      setValue(null);
    };
  }, [appKey, host, port, tls, cluster, apiUrl, platform, tokenRef, fetchRef]);

  // Children render once the connection exists, so hooks never see a half-built context.
  return value ? <PusherContext.Provider value={value}>{children}</PusherContext.Provider> : null;
}
