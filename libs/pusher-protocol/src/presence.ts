import { MAX_PRESENCE_USER_ID_LENGTH, MAX_PRESENCE_USER_INFO_BYTES } from './limits';

/** One member of a presence channel: one per distinct user id, however many sockets that user has. */
export interface PresenceMember {
  user_id: string;
  /** Whatever the app's auth endpoint put in `channel_data.user_info`; absent when it gave none. */
  user_info?: unknown;
}

/** The `presence` object of a presence channel's `subscription_succeeded` data (pusher-js reads `hash` and `count`). */
export interface PresenceSnapshot {
  ids: string[];
  /** user id → user_info, with null for members without one (pusher-js lists members from these keys). */
  hash: Record<string, unknown>;
  /** Number of distinct user ids. */
  count: number;
}

/** Limits applied when reading `channel_data`; the defaults are hosted Pusher's. */
export interface PresenceLimits {
  maxUserIdLength?: number;
  maxUserInfoBytes?: number;
}

/**
 * Reads the `channel_data` string of a presence subscribe: JSON `{user_id, user_info?}`. A numeric `user_id` is
 * turned into its decimal string, as some SDKs send numbers. Returns the member, or a reason when the text is not
 * a JSON object, `user_id` is missing, empty or longer than 128 characters, or `user_info` is over 1 KB of JSON.
 */
export function parseChannelData(channelData: string, limits: PresenceLimits = {}): PresenceMember | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(channelData);
  } catch {
    return 'channel_data is not valid JSON';
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return 'channel_data must be a JSON object';
  const { user_id: rawId, user_info: userInfo } = parsed as Record<string, unknown>;
  const userId = normalizeUserId(rawId);
  if (userId === null) return 'channel_data.user_id must be a non-empty string or a number';
  const maxIdLength = limits.maxUserIdLength ?? MAX_PRESENCE_USER_ID_LENGTH;
  if (userId.length > maxIdLength) return `channel_data.user_id is ${userId.length} characters long; the limit is ${maxIdLength}`;
  if (userInfo === undefined) return { user_id: userId };
  const maxInfoBytes = limits.maxUserInfoBytes ?? MAX_PRESENCE_USER_INFO_BYTES;
  const infoBytes = Buffer.byteLength(JSON.stringify(userInfo), 'utf8');
  if (infoBytes > maxInfoBytes) return `channel_data.user_info is ${infoBytes} bytes of JSON; the limit is ${maxInfoBytes}`;
  return { user_id: userId, user_info: userInfo };
}

/** A user id as a non-empty string: strings as they are, finite numbers in decimal, anything else null. */
export function normalizeUserId(value: unknown): string | null {
  if (typeof value === 'string') return value.length > 0 ? value : null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** Builds the `presence` snapshot from distinct members (the caller dedupes by user id). */
export function presenceSnapshot(members: Iterable<PresenceMember>): PresenceSnapshot {
  const ids: string[] = [];
  const hash: Record<string, unknown> = {};
  for (const member of members) {
    ids.push(member.user_id);
    hash[member.user_id] = member.user_info ?? null;
  }
  return { ids, hash, count: ids.length };
}
