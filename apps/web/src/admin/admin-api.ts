import { ApiClient } from '@pusher-me/react';

/** An app (tenant) as the admin API shows it; `secret` only on create, get and rotate. */
export interface AdminApp {
  id: string;
  key: string;
  secret?: string;
  name: string;
  enabled: boolean;
  max_connections: number | null;
  max_presence_members: number;
  max_event_bytes: number;
  client_events_enabled: boolean;
  max_client_events_per_second: number;
  subscription_count_enabled: boolean;
  webhooks: { url: string; events?: string[] }[];
  created_at?: string;
}

/** Fields an admin may change. */
export type AppChanges = Partial<Omit<AdminApp, 'id' | 'key' | 'secret' | 'created_at' | 'enabled'>>;

/** Message counts per delivery status. */
export interface StatusCounts {
  queued: number;
  delivered: number;
  failed: number;
}

/** `GET /admin/stats`: the dashboard's overview. */
export interface AdminStats {
  messages_last_hour: StatusCounts;
  messages_total: StatusCounts;
  /** Jobs of the delivery queue per state; `waiting` is its depth. */
  queue: { waiting: number; active: number; delayed: number; prioritized: number; completed: number; failed: number; paused: number };
  /** Live WebSocket connections per app id, across the realtime cluster. */
  connections: Record<string, number>;
  connections_total: number;
  generated_at: string;
}

/** `/admin/*` calls with the admin token. */
export class AdminApi {
  private readonly client: ApiClient;

  constructor(baseUrl: string, token: string) {
    this.client = new ApiClient({ baseUrl, token: () => token });
  }

  async listApps(): Promise<AdminApp[]> {
    const body = await this.client.request<{ apps: AdminApp[]; total: number }>('GET', '/admin/apps?limit=100');
    return body.apps;
  }

  createApp(input: { name: string } & AppChanges): Promise<AdminApp> {
    return this.client.request<AdminApp>('POST', '/admin/apps', input);
  }

  updateApp(id: string, changes: AppChanges): Promise<AdminApp> {
    return this.client.request<AdminApp>('PATCH', `/admin/apps/${encodeURIComponent(id)}`, changes);
  }

  /** Disabled apps have their connections refused and API calls rejected until enabled again. */
  setEnabled(id: string, enabled: boolean): Promise<AdminApp> {
    return this.client.request<AdminApp>('POST', `/admin/apps/${encodeURIComponent(id)}/${enabled ? 'enable' : 'disable'}`);
  }

  rotateSecret(id: string): Promise<AdminApp> {
    return this.client.request<AdminApp>('POST', `/admin/apps/${encodeURIComponent(id)}/rotate-secret`);
  }

  stats(): Promise<AdminStats> {
    return this.client.request<AdminStats>('GET', '/admin/stats');
  }

  members(channel: string, cursor: string | null) {
    return this.client.members(channel, { cursor, limit: 25 });
  }
}
