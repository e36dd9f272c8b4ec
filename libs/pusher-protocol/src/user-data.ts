import { MAX_PRESENCE_USER_INFO_BYTES, MAX_WATCHLIST_SIZE } from './limits';
import type { PresenceMember } from './presence';

/** The user a connection signed in as, read from the `user_data` string of `pusher:signin`. */
export interface SignedInUser {
  id: string;
  user_info?: unknown;
  /** User ids whose online/offline transitions this user receives. */
  watchlist?: string[];
}

/** Limits applied when reading `user_data`. */
export interface UserDataLimits {
  maxWatchlistSize?: number;
  maxUserInfoBytes?: number;
}

/**
 * Reads `user_data`: a JSON object with a non-empty string `id`, optional `user_info` and optional `watchlist`
 * (an array of non-empty strings, at most 100). Returns the user or a reason. The string itself is what was
 * signed, so callers keep the original text for `pusher:signin_success`.
 */
export function parseUserData(userData: string, limits: UserDataLimits = {}): SignedInUser | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(userData);
  } catch {
    return 'user_data is not valid JSON';
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return 'user_data must be a JSON object';
  const { id, user_info: userInfo, watchlist } = parsed as Record<string, unknown>;
  if (typeof id !== 'string' || id.length === 0) return 'user_data.id must be a non-empty string';
  const user: SignedInUser = { id };
  if (userInfo !== undefined) {
    const maxInfoBytes = limits.maxUserInfoBytes ?? MAX_PRESENCE_USER_INFO_BYTES;
    const infoBytes = Buffer.byteLength(JSON.stringify(userInfo), 'utf8');
    if (infoBytes > maxInfoBytes) return `user_data.user_info is ${infoBytes} bytes of JSON; the limit is ${maxInfoBytes}`;
    user.user_info = userInfo;
  }
  if (watchlist !== undefined) {
    const maxWatchlist = limits.maxWatchlistSize ?? MAX_WATCHLIST_SIZE;
    if (!Array.isArray(watchlist) || !watchlist.every((entry) => typeof entry === 'string' && entry.length > 0)) {
      return 'user_data.watchlist must be an array of non-empty user id strings';
    }
    if (watchlist.length > maxWatchlist) return `user_data.watchlist has ${watchlist.length} ids; the limit is ${maxWatchlist}`;
    user.watchlist = watchlist as string[];
  }
  return user;
}

/** The presence member a signed-in user becomes when it subscribes to a presence channel without `channel_data`. */
export function memberFromUser(user: SignedInUser): PresenceMember {
  return user.user_info === undefined ? { user_id: user.id } : { user_id: user.id, user_info: user.user_info };
}
