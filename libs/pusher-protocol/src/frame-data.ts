import type { SigninData, SubscribeData, UnsubscribeData } from './events';

/**
 * Shape checks for the `data` of client protocol events (after `decodeClientFrame`). Each returns the typed data
 * or a reason. Channel names and signatures are checked separately (`validateChannelName`, `verifyChannelAuth`).
 */

function asObject(data: unknown): Record<string, unknown> | null {
  return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
}

/** `pusher:subscribe` data: string `channel`; `auth` and `channel_data` strings when present (null counts as absent). */
export function parseSubscribeData(data: unknown): SubscribeData | string {
  const object = asObject(data);
  if (object === null) return 'pusher:subscribe data must be an object';
  const { channel, auth, channel_data: channelData } = object;
  if (typeof channel !== 'string') return 'pusher:subscribe data.channel must be a string';
  if (auth !== undefined && auth !== null && typeof auth !== 'string') return 'pusher:subscribe data.auth must be a string';
  if (channelData !== undefined && channelData !== null && typeof channelData !== 'string') {
    return 'pusher:subscribe data.channel_data must be a JSON-encoded string';
  }
  const result: SubscribeData = { channel };
  if (typeof auth === 'string') result.auth = auth;
  if (typeof channelData === 'string') result.channel_data = channelData;
  return result;
}

/** `pusher:unsubscribe` data: string `channel`. */
export function parseUnsubscribeData(data: unknown): UnsubscribeData | string {
  const object = asObject(data);
  if (object === null) return 'pusher:unsubscribe data must be an object';
  if (typeof object.channel !== 'string') return 'pusher:unsubscribe data.channel must be a string';
  return { channel: object.channel };
}

/** `pusher:signin` data: string `auth` and string `user_data` (the exact JSON text that was signed). */
export function parseSigninData(data: unknown): SigninData | string {
  const object = asObject(data);
  if (object === null) return 'pusher:signin data must be an object';
  const { auth, user_data: userData } = object;
  if (typeof auth !== 'string' || auth.length === 0) return 'pusher:signin data.auth must be a non-empty string';
  if (typeof userData !== 'string') return 'pusher:signin data.user_data must be a JSON-encoded string';
  return { auth, user_data: userData };
}
