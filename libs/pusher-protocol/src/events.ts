import type { PresenceMember, PresenceSnapshot } from './presence';

/** Protocol event names. `pusher:*` and `pusher_internal:*` are reserved for the server and pusher-js. */
export const PusherEvent = {
  ConnectionEstablished: 'pusher:connection_established',
  Error: 'pusher:error',
  Ping: 'pusher:ping',
  Pong: 'pusher:pong',
  Subscribe: 'pusher:subscribe',
  Unsubscribe: 'pusher:unsubscribe',
  Signin: 'pusher:signin',
  SigninSuccess: 'pusher:signin_success',
  SubscriptionError: 'pusher:subscription_error',
  CacheMiss: 'pusher:cache_miss',
  SubscriptionSucceeded: 'pusher_internal:subscription_succeeded',
  MemberAdded: 'pusher_internal:member_added',
  MemberRemoved: 'pusher_internal:member_removed',
  SubscriptionCount: 'pusher_internal:subscription_count',
  WatchlistEvents: 'pusher_internal:watchlist_events',
} as const;

export type PusherEventName = (typeof PusherEvent)[keyof typeof PusherEvent];

export interface ConnectionEstablishedData {
  /** `digits.digits`, unique in the cluster. */
  socket_id: string;
  /** Seconds; never 0 (pusher-js rejects the handshake otherwise). */
  activity_timeout: number;
}

/** `pusher:error` data. `code` is null for subscription-level errors, as Pusher sends them. */
export interface ErrorData {
  code: number | null;
  message: string;
}

export interface SubscribeData {
  channel: string;
  /** `key:hexsig`; empty or absent for public channels and `#server-to-user-`. */
  auth?: string;
  /** Presence only: the exact JSON string that was signed. */
  channel_data?: string;
}

export interface UnsubscribeData {
  channel: string;
}

export interface SigninData {
  auth: string;
  /** The exact JSON string that was signed. */
  user_data: string;
}

export interface SigninSuccessData {
  user_data: string;
}

/** Channel-scoped subscription failure that pusher-js delivers to the channel's `pusher:subscription_error`. */
export interface SubscriptionErrorData {
  type: 'AuthError' | 'LimitReached' | 'InvalidChannel' | (string & {});
  error: string;
  status: number;
}

export interface SubscriptionCountData {
  subscription_count: number;
}

export interface WatchlistEvent {
  name: 'online' | 'offline';
  user_ids: string[];
}

export interface WatchlistEventsData {
  events: WatchlistEvent[];
}

/** Data the server sends with each protocol event; `undefined` means the frame has no `data`. */
export interface ServerEventPayloads {
  'pusher:connection_established': ConnectionEstablishedData;
  'pusher:error': ErrorData;
  'pusher:ping': Record<string, never>;
  'pusher:pong': Record<string, never>;
  'pusher:signin_success': SigninSuccessData;
  'pusher:subscription_error': SubscriptionErrorData;
  'pusher:cache_miss': undefined;
  'pusher_internal:subscription_succeeded': { presence: PresenceSnapshot } | Record<string, never>;
  'pusher_internal:member_added': PresenceMember;
  'pusher_internal:member_removed': { user_id: string };
  'pusher_internal:subscription_count': SubscriptionCountData;
  'pusher_internal:watchlist_events': WatchlistEventsData;
}

/** Data clients send with each protocol event (after `decodeClientFrame`; check it with `frame-data` parsers). */
export interface ClientEventPayloads {
  'pusher:ping': unknown;
  'pusher:pong': unknown;
  'pusher:subscribe': SubscribeData;
  'pusher:unsubscribe': UnsubscribeData;
  'pusher:signin': SigninData;
}

export type ServerEventName = keyof ServerEventPayloads;

/** A server → client frame. Field order on the wire: event, channel, data, user_id. */
export interface OutgoingFrame {
  event: string;
  channel?: string;
  /** A string is sent as a JSON string, untouched; any other value is sent as JSON. Omitted when undefined. */
  data?: unknown;
  /** Sender of a client event on a presence channel. */
  user_id?: string;
}

/**
 * Encodes a server → client frame in one pass: each part is JSON-encoded once and concatenated, so a broadcast
 * builds its text once for all recipients. API-triggered events pass their `data` string through unchanged.
 */
export function encodeFrame(frame: OutgoingFrame): string {
  let text = '{"event":' + JSON.stringify(frame.event);
  if (frame.channel !== undefined) text += ',"channel":' + JSON.stringify(frame.channel);
  if (frame.data !== undefined) {
    const data = JSON.stringify(frame.data);
    if (data !== undefined) text += ',"data":' + data;
  }
  if (frame.user_id !== undefined) text += ',"user_id":' + JSON.stringify(frame.user_id);
  return text + '}';
}

// Pusher sends these with `data` as a JSON object; every other protocol event carries a JSON-encoded string.
const OBJECT_DATA_EVENTS: ReadonlySet<string> = new Set<ServerEventName>([
  'pusher:error',
  'pusher:ping',
  'pusher:pong',
  'pusher:subscription_error',
]);

/**
 * Encodes a protocol event with Pusher's data convention: `pusher:error`, `pusher:ping`, `pusher:pong` and
 * `pusher:subscription_error` carry an object; `pusher:connection_established`, `pusher:signin_success` and every
 * `pusher_internal:*` carry their payload as a JSON string; `pusher:cache_miss` has no data.
 */
export function encodeServerEvent<E extends ServerEventName>(event: E, data: ServerEventPayloads[E], channel?: string): string {
  if (data === undefined || OBJECT_DATA_EVENTS.has(event)) return encodeFrame({ event, channel, data });
  return encodeFrame({ event, channel, data: JSON.stringify(data) });
}

/** `pusher:error` with `{code, message}` object data; code null for errors that are not about the connection. */
export function encodeError(code: number | null, message: string): string {
  return encodeFrame({ event: PusherEvent.Error, data: { code, message } });
}

/** The reply to `pusher:ping`, built once. */
export const PONG_FRAME = encodeServerEvent('pusher:pong', {});

/** A server ping for idle clients, built once. */
export const PING_FRAME = encodeServerEvent('pusher:ping', {});

/** A client → server frame after decoding. */
export interface ClientFrame {
  event: string;
  channel?: string;
  /** JSON data as sent; string data that holds JSON is parsed, other strings stay strings. */
  data: unknown;
}

export type DecodeClientFrameResult = { ok: true; frame: ClientFrame } | { ok: false; reason: string };

/**
 * Decodes the text of a client WebSocket message (the caller bounds its size). Never throws. Fails when the
 * text is not JSON, not an object, has no non-empty string `event`, or a `channel` that is not a string (a null
 * channel counts as absent). String `data` that parses as JSON is replaced by the parsed value, as pusher-js and
 * Pusher do.
 */
export function decodeClientFrame(raw: string): DecodeClientFrameResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'Message is not valid JSON' };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { ok: false, reason: 'Message must be a JSON object' };
  }
  const message = parsed as Record<string, unknown>;
  const event = message.event;
  if (typeof event !== 'string' || event.length === 0) return { ok: false, reason: 'Message needs a non-empty string "event"' };
  const channel = message.channel;
  if (channel !== undefined && channel !== null && typeof channel !== 'string') {
    return { ok: false, reason: '"channel" must be a string' };
  }
  let data = message.data;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      // Not JSON: the string itself is the data.
    }
  }
  return { ok: true, frame: typeof channel === 'string' ? { event, channel, data } : { event, data } };
}
