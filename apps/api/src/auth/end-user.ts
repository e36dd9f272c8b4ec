import { matchesChannelPattern } from '@app/pusher-protocol';

/**
 * An end user proven by a bearer token from the customer's backend. `listen` and `publish` are
 * channel patterns where `*` stands for any run of characters (`private-chat-*`, or `*` for all).
 */
export interface EndUser {
  /** The token's `sub`: the user id presence members, sign-in and the membership registry use. */
  id: string;
  name?: string;
  /** The token's `info` claim: extra presence `user_info`. */
  info?: Record<string, unknown>;
  listen: string[];
  publish: string[];
}

/** True when one of the user's `listen` patterns matches the channel. */
export function canListen(user: EndUser, channel: string): boolean {
  return user.listen.some((pattern) => matchesChannelPattern(pattern, channel));
}

/** True when one of the user's `publish` patterns matches the channel (client events, `POST /messages`). */
export function canPublish(user: EndUser, channel: string): boolean {
  return user.publish.some((pattern) => matchesChannelPattern(pattern, channel));
}

/** What presence members and sign-in show of the user: `info` with `name` on top; undefined when both are absent. */
export function userInfoOf(user: EndUser): Record<string, unknown> | undefined {
  if (user.name === undefined && user.info === undefined) return undefined;
  return user.name === undefined ? { ...user.info } : { ...user.info, name: user.name };
}
