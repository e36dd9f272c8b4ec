import { channelKind } from '@app/pusher-protocol';
import { RestApiError } from '../errors/rest-api.error';

/** Channel attributes a caller asked for with `info=`. */
export interface InfoAttributes {
  userCount: boolean;
  subscriptionCount: boolean;
}

export const NO_INFO: InfoAttributes = Object.freeze({ userCount: false, subscriptionCount: false });

/** Parses `info` ("user_count,subscription_count"); 400 naming an attribute we do not know. */
export function parseInfo(raw: unknown, field = 'info'): InfoAttributes {
  if (raw === undefined || raw === '') return NO_INFO;
  if (typeof raw !== 'string') throw new RestApiError(400, `${field} must be a comma-separated string`);
  const info = { userCount: false, subscriptionCount: false };
  for (const attribute of raw.split(',').map((part) => part.trim())) {
    if (attribute === 'user_count') info.userCount = true;
    else if (attribute === 'subscription_count') info.subscriptionCount = true;
    else if (attribute !== '') {
      throw new RestApiError(400, `${field} attribute "${attribute}" is not supported; use user_count and/or subscription_count`);
    }
  }
  return info;
}

export function wantsInfo(info: InfoAttributes): boolean {
  return info.userCount || info.subscriptionCount;
}

/**
 * The attributes of one channel as Pusher reports them: `user_count` for presence channels only (left
 * out for others), `subscription_count` for any channel.
 */
export function channelAttributes(
  channel: string,
  state: { subscriptionCount: number; userCount?: number },
  info: InfoAttributes,
): Record<string, number> {
  const attributes: Record<string, number> = {};
  if (info.userCount && channelKind(channel) === 'presence') attributes.user_count = state.userCount ?? 0;
  if (info.subscriptionCount) attributes.subscription_count = state.subscriptionCount;
  return attributes;
}
