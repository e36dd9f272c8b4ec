import { MAX_CHANNEL_NAME_LENGTH, MAX_EVENT_NAME_LENGTH } from './limits';

/** What a channel is, decided by its name prefix alone. */
export type ChannelKind = 'public' | 'private' | 'presence' | 'private-encrypted' | 'server-to-user';

/** A channel name with its kind and whether it is a cache channel (the server keeps its last event). */
export interface ParsedChannel {
  name: string;
  kind: ChannelKind;
  cache: boolean;
}

/** Prefix of the per-user channel pusher-js subscribes to after `pusher:signin`. */
export const SERVER_TO_USER_PREFIX = '#server-to-user-';

/** Event-name prefix clients must use for events they send to each other. */
export const CLIENT_EVENT_PREFIX = 'client-';

const PRIVATE_ENCRYPTED = 'private-encrypted-';
const PRIVATE = 'private-';
const PRESENCE = 'presence-';
const CACHE = 'cache-';

const VALID_NAME = /^[A-Za-z0-9_\-=@,.;]+$/;
const INVALID_CHAR = /[^A-Za-z0-9_\-=@,.;]/;
// User ids come from the customer's own auth (pusher-http-node only asks for a non-empty string, and ids such
// as "auth0|123" are common), so the server-to-user channel accepts any printable id.
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * The kind of a channel by prefix. `private-encrypted-` is checked before `private-`, as pusher-js does.
 * Does not validate the name.
 */
export function channelKind(name: string): ChannelKind {
  if (name.startsWith(PRIVATE)) return name.startsWith(PRIVATE_ENCRYPTED) ? 'private-encrypted' : 'private';
  if (name.startsWith(PRESENCE)) return 'presence';
  if (name.startsWith(SERVER_TO_USER_PREFIX)) return 'server-to-user';
  return 'public';
}

/** True for `cache-`, `private-cache-`, `private-encrypted-cache-` and `presence-cache-` channels. */
export function isCacheChannel(name: string): boolean {
  switch (channelKind(name)) {
    case 'public':
      return name.startsWith(CACHE);
    case 'private':
      return name.startsWith(CACHE, PRIVATE.length);
    case 'private-encrypted':
      return name.startsWith(CACHE, PRIVATE_ENCRYPTED.length);
    case 'presence':
      return name.startsWith(CACHE, PRESENCE.length);
    case 'server-to-user':
      return false;
  }
}

/** Kind and cache flag of a channel name. Does not validate the name (see `validateChannelName`). */
export function parseChannel(name: string): ParsedChannel {
  return { name, kind: channelKind(name), cache: isCacheChannel(name) };
}

/** True when subscribing needs a signature from the app's auth endpoint (private, encrypted and presence). */
export function requiresChannelAuth(kind: ChannelKind): boolean {
  return kind === 'private' || kind === 'presence' || kind === 'private-encrypted';
}

/** True when clients may send `client-` events on this kind (private and presence only, as on Pusher). */
export function allowsClientEvents(kind: ChannelKind): boolean {
  return kind === 'private' || kind === 'presence';
}

/** `#server-to-user-{userId}`. */
export function serverToUserChannel(userId: string): string {
  return SERVER_TO_USER_PREFIX + userId;
}

/** The user id of a `#server-to-user-{id}` channel, or null for any other name (or an empty id). */
export function serverToUserId(channel: string): string | null {
  if (!channel.startsWith(SERVER_TO_USER_PREFIX) || channel.length === SERVER_TO_USER_PREFIX.length) return null;
  return channel.slice(SERVER_TO_USER_PREFIX.length);
}

/**
 * Checks a channel name a client or API caller supplied. Returns null when it is valid, else a reason a person
 * can act on. Rules: 1..maxLength characters (default 200) from `A-Z a-z 0-9 _ - = @ , . ;`; a leading `#` only
 * as `#server-to-user-{userId}`, where the user id is any non-empty text without control characters.
 */
export function validateChannelName(name: unknown, maxLength = MAX_CHANNEL_NAME_LENGTH): string | null {
  if (typeof name !== 'string') return 'Channel name must be a string';
  if (name.length === 0) return 'Channel name must not be empty';
  if (name.length > maxLength) return `Channel name is ${name.length} characters long; the limit is ${maxLength}`;
  if (name.startsWith('#')) {
    if (!name.startsWith(SERVER_TO_USER_PREFIX)) {
      return `Channel name "${name}" may not start with "#": only "${SERVER_TO_USER_PREFIX}{userId}" channels may`;
    }
    if (name.length === SERVER_TO_USER_PREFIX.length) return `Channel name "${name}" lacks the user id after "${SERVER_TO_USER_PREFIX}"`;
    if (hasControlCharacter(name)) return `Channel name "${JSON.stringify(name).slice(1, -1)}" contains control characters`;
    return null;
  }
  if (VALID_NAME.test(name)) return null;
  const bad = INVALID_CHAR.exec(name)?.[0] ?? '';
  return `Channel name "${name}" contains characters other than A-Z a-z 0-9 _ - = @ , . ; (first: ${JSON.stringify(bad)})`;
}

/** True for names clients may send to each other: `client-` followed by at least one character. */
export function isClientEventName(name: string): boolean {
  return name.length > CLIENT_EVENT_PREFIX.length && name.startsWith(CLIENT_EVENT_PREFIX);
}

/** True for `pusher:*` and `pusher_internal:*` names, which only the server may emit. */
export function isReservedEventName(name: string): boolean {
  return name.startsWith('pusher:') || name.startsWith('pusher_internal:');
}

/**
 * Checks an event name (API trigger or client event). Returns null when valid, else a reason: a non-empty
 * string of at most maxLength characters (default 200). The charset is not restricted, as the SDK does not.
 */
export function validateEventName(name: unknown, maxLength = MAX_EVENT_NAME_LENGTH): string | null {
  if (typeof name !== 'string') return 'Event name must be a string';
  if (name.length === 0) return 'Event name must not be empty';
  if (name.length > maxLength) return `Event name is ${name.length} characters long; the limit is ${maxLength}`;
  return null;
}

const SOCKET_ID = /^\d+\.\d+$/;

/** True for socket ids of the form `digits.digits`, the only form pusher-http-node accepts. */
export function validateSocketId(id: unknown): id is string {
  return typeof id === 'string' && SOCKET_ID.test(id);
}

/**
 * True when `channel` matches `pattern`, where `*` stands for any run of characters (possibly empty) and every
 * other character matches itself. `*` alone matches every channel. Linear in the inputs: no regular expression
 * is built from the pattern, so hostile patterns cannot cause backtracking.
 */
export function matchesChannelPattern(pattern: string, channel: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === channel;
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (first.length + last.length > channel.length) return false;
  if (!channel.startsWith(first) || !channel.endsWith(last)) return false;
  let at = first.length;
  const end = channel.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i];
    if (part.length === 0) continue;
    const found = channel.indexOf(part, at);
    if (found === -1 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}
