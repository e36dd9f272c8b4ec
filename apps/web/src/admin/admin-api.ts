import { ApiClient } from '@pusher-me/react';

/** An app (tenant) as the admin API shows it. */
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
export type AppChanges = Partial<Omit<AdminApp, 'id' | 'key' | 'secret' | 'created_at'>>;

/** Platform figures from `GET /admin/stats`; every field is optional so older servers still render. */
export interface PlatformStats {
  connections?: number;
  channels?: number;
  messagesPerSecond?: number;
  queueDepth?: number;
  failed?: number;
}

/** Reads the first number found at any of `paths` (dot-separated) in `source`. */
function pick(source: unknown, ...paths: string[]): number | undefined {
  for (const path of paths) {
    let value: unknown = source;
    for (const part of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
  }
  return undefined;
}

/** `/admin/*` calls with the admin token. */
export class AdminApi {
  private readonly client: ApiClient;

  constructor(baseUrl: string, token: string) {
    this.client = new ApiClient({ baseUrl, token: () => token });
  }

  async listApps(): Promise<AdminApp[]> {
    const body = await this.client.request<unknown>('GET', '/admin/apps?limit=100');
    if (Array.isArray(body)) return body as AdminApp[];
    const list = (body as { apps?: unknown; items?: unknown; data?: unknown }) ?? {};
    return ((list.apps ?? list.items ?? list.data ?? []) as AdminApp[]) ?? [];
  }

  createApp(input: { name: string } & AppChanges): Promise<AdminApp> {
    return this.client.request<AdminApp>('POST', '/admin/apps', input);
  }

  updateApp(id: string, changes: AppChanges): Promise<AdminApp> {
    return this.client.request<AdminApp>('PATCH', `/admin/apps/${encodeURIComponent(id)}`, changes);
  }

  rotateSecret(id: string): Promise<AdminApp> {
    return this.client.request<AdminApp>('POST', `/admin/apps/${encodeURIComponent(id)}/rotate-secret`);
  }

  async stats(): Promise<PlatformStats> {
    const body = await this.client.request<unknown>('GET', '/admin/stats');
    return {
      connections: pick(body, 'connections', 'realtime.connections', 'totals.connections'),
      channels: pick(body, 'channels', 'realtime.channels', 'totals.channels'),
      messagesPerSecond: pick(
        body,
        'messagesPerSecond',
        'messages_per_second',
        'messages.perSecond',
        'messages.per_second',
        'realtime.messagesPerSecond',
      ),
      queueDepth: pick(body, 'queueDepth', 'queue_depth', 'queue.depth', 'queue.waiting', 'queues.messages.waiting', 'messages.queued'),
      failed: pick(body, 'failed', 'queue.failed', 'queues.messages.failed', 'messages.failed'),
    };
  }

  members(channel: string, cursor: string | null) {
    return this.client.members(channel, { cursor, limit: 25 });
  }
}
