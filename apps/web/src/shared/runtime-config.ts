import type { PusherConnectionConfig } from '@pusher-me/react';

/** What `GET /config.json` (served by the api next to these pages) tells the page at run time. */
export interface RuntimeConfig {
  key: string;
  /** Realtime host; null means "the host this page came from". */
  host: string | null;
  port: number | null;
  tls: boolean;
  cluster: string | null;
  /** Base URL of the api; '' means this page's origin. */
  apiUrl: string;
  /** Whether `POST /demo/token` is available. */
  demo: boolean;
}

export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  const response = await fetch('/config.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`Could not load /config.json (${response.status})`);
  return (await response.json()) as RuntimeConfig;
}

/** Provider settings for a runtime config; a missing host means our realtime server on the page's host. */
export function toConnectionConfig(config: RuntimeConfig): PusherConnectionConfig {
  const hosted = config.host === null && config.cluster !== null && config.port === null;
  return {
    appKey: config.key,
    host: hosted ? undefined : (config.host ?? window.location.hostname),
    port: config.port ?? undefined,
    tls: config.tls,
    cluster: config.cluster ?? undefined,
    apiUrl: config.apiUrl,
  };
}
