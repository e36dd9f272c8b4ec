import { signWebhook } from './signatures';

/** One webhook event. `time_ms` lives on the body, not on each event. */
export type WebhookEvent =
  | { name: 'channel_occupied'; channel: string }
  | { name: 'channel_vacated'; channel: string }
  | { name: 'member_added'; channel: string; user_id: string }
  | { name: 'member_removed'; channel: string; user_id: string }
  | { name: 'client_event'; channel: string; event: string; data: string; socket_id: string; user_id?: string }
  | { name: 'cache_miss'; channel: string }
  | { name: 'subscription_count'; channel: string; subscription_count: number };

export type WebhookEventName = WebhookEvent['name'];

/** Every webhook event name, for validating per-target `events` filters. */
export const WEBHOOK_EVENT_NAMES: readonly WebhookEventName[] = [
  'channel_occupied',
  'channel_vacated',
  'member_added',
  'member_removed',
  'client_event',
  'cache_miss',
  'subscription_count',
];

/** A webhook request body: one or more events created at `time_ms` (Unix ms). */
export interface WebhookBody {
  time_ms: number;
  events: WebhookEvent[];
}

/** Header names (lowercase, as Node delivers them). `Content-Type` must be exactly `application/json`. */
export const WEBHOOK_HEADERS = {
  key: 'x-pusher-key',
  signature: 'x-pusher-signature',
  contentType: 'content-type',
} as const;

export const WEBHOOK_CONTENT_TYPE = 'application/json';

/** True for a known webhook event name. */
export function isWebhookEventName(name: unknown): name is WebhookEventName {
  return typeof name === 'string' && (WEBHOOK_EVENT_NAMES as readonly string[]).includes(name);
}

/**
 * A ready-to-send webhook: the body serialized once and its signature over those exact bytes, plus the headers
 * pusher-http-node `WebHook.isValid()` accepts.
 */
export function buildWebhookRequest(
  events: WebhookEvent[],
  app: { key: string; secret: string },
  timeMs: number = Date.now(),
): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({ time_ms: timeMs, events } satisfies WebhookBody);
  return {
    body,
    headers: {
      [WEBHOOK_HEADERS.contentType]: WEBHOOK_CONTENT_TYPE,
      [WEBHOOK_HEADERS.key]: app.key,
      [WEBHOOK_HEADERS.signature]: signWebhook(app.secret, body),
    },
  };
}

/**
 * Reads a webhook body a receiver got (after checking its signature): `{time_ms: number, events: [...]}` with
 * each event an object carrying a string `name` and `channel`. Unknown event names are kept so receivers can
 * skip them. Returns the body or a reason; never throws.
 */
export function parseWebhookBody(rawBody: string): WebhookBody | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody);
  } catch {
    return 'Webhook body is not valid JSON';
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return 'Webhook body must be a JSON object';
  const { time_ms: timeMs, events } = parsed as Record<string, unknown>;
  if (typeof timeMs !== 'number' || !Number.isFinite(timeMs)) return 'Webhook body needs a numeric time_ms';
  if (!Array.isArray(events)) return 'Webhook body needs an events array';
  for (const [index, event] of events.entries()) {
    if (event === null || typeof event !== 'object' || Array.isArray(event)) return `events[${index}] must be an object`;
    const { name, channel } = event as Record<string, unknown>;
    if (typeof name !== 'string') return `events[${index}].name must be a string`;
    if (typeof channel !== 'string') return `events[${index}].channel must be a string`;
  }
  return { time_ms: timeMs, events: events as WebhookEvent[] };
}
