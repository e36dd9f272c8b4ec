import type { ChannelMembers, Registration } from './types.js';

/** Where the api lives and how a request learns the end user's bearer token. */
export interface ApiClientOptions {
  /** Base URL of the api, e.g. `https://api.example.com`; `''` means the page's own origin. */
  baseUrl: string;
  /** Returns the bearer token for a request; `undefined` sends none. */
  token: () => string | null | undefined;
  /** Injected for tests and non-browser runtimes; defaults to the global `fetch`. */
  fetch?: typeof fetch;
}

/** An HTTP answer that was not 2xx, with the api's message when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Seconds a registration lives when the api does not say; the api's default TTL. */
const FALLBACK_TTL_SECONDS = 120;

/**
 * The api endpoints the React bindings call: the membership registry (`/pusher/subscribe`,
 * `/pusher/unsubscribe`, `/channels/{channel}/members`). Channel authorization itself goes
 * through pusher-js, which posts to `/pusher/auth`.
 */
export class ApiClient {
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: ApiClientOptions) {
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  url(path: string): string {
    return `${this.options.baseUrl.replace(/\/+$/, '')}${path}`;
  }

  /** Headers carrying the current bearer token, if any. */
  authHeaders(token = this.options.token()): Record<string, string> {
    return token ? { Authorization: `Bearer ${token}` } : {};
  }

  /** Registers (or refreshes) one socket on one channel; resolves with the registration's TTL in seconds. */
  async register(registration: Registration, token?: string | null): Promise<number> {
    const body = await this.request<{ ttl_seconds?: number; ttl?: number }>(
      'POST',
      '/pusher/subscribe',
      registrationBody(registration),
      token,
    );
    const ttl = Number(body?.ttl_seconds ?? body?.ttl);
    return Number.isFinite(ttl) && ttl > 0 ? ttl : FALLBACK_TTL_SECONDS;
  }

  /** Removes one socket from one channel; `keepalive` lets it finish while the page unloads. */
  async unregister(registration: Registration, token?: string | null): Promise<void> {
    await this.request('POST', '/pusher/unsubscribe', registrationBody(registration), token, { keepalive: true });
  }

  /**
   * Fire-and-forget unregister for `pagehide`: `navigator.sendBeacon` cannot send headers, so the
   * token travels as a form field. Falls back to a keepalive fetch where beacons are missing.
   */
  unregisterOnExit(registration: Registration, token?: string | null): void {
    const form = new URLSearchParams(registrationBody(registration));
    const bearer = token ?? this.options.token();
    if (bearer) form.set('token', bearer);
    const url = this.url('/pusher/unsubscribe');
    if (typeof navigator !== 'undefined' && typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(url, form)) return;
    this.fetchImpl(url, { method: 'POST', body: form, keepalive: true, headers: this.authHeaders(bearer) }).catch(() => undefined);
  }

  /** One page of the registry's member list of a channel, with distinct-user counts per platform. */
  async members(channel: string, options: { token?: string | null; cursor?: string | null; limit?: number } = {}): Promise<ChannelMembers> {
    const query = new URLSearchParams();
    if (options.cursor) query.set('cursor', options.cursor);
    if (options.limit) query.set('limit', String(options.limit));
    const suffix = query.size > 0 ? `?${query.toString()}` : '';
    const body = await this.request<Partial<ChannelMembers>>(
      'GET',
      `/channels/${encodeURIComponent(channel)}/members${suffix}`,
      undefined,
      options.token,
    );
    const members = Array.isArray(body?.members) ? body.members : [];
    return {
      channel,
      members,
      total: body?.total ?? members.length,
      sockets: body?.sockets ?? 0,
      platforms: body?.platforms ?? {},
      nextCursor: body?.nextCursor ?? null,
    };
  }

  /** A JSON request to the api; throws ApiError on a non-2xx answer. */
  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    token?: string | null,
    extra: Pick<RequestInit, 'keepalive' | 'signal'> = {},
  ): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', ...this.authHeaders(token ?? this.options.token()) };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await this.fetchImpl(this.url(path), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      ...extra,
    });
    const text = await response.text();
    const parsed: unknown = text ? safeJson(text) : undefined;
    if (!response.ok) throw new ApiError(response.status, errorMessage(parsed) ?? `${method} ${path} answered ${response.status}`);
    return parsed as T;
  }
}

function registrationBody(registration: Registration): Record<string, string> {
  return { socket_id: registration.socketId, channel: registration.channel, user_id: registration.userId, platform: registration.platform };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function errorMessage(body: unknown): string | undefined {
  if (typeof body === 'string' && body) return body;
  if (body && typeof body === 'object' && 'message' in body) {
    const message = body.message;
    return Array.isArray(message) ? message.join('; ') : String(message);
  }
  return undefined;
}
