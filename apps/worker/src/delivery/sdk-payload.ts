import { parseChannel } from '@app/pusher-protocol';

/**
 * The `data` argument to give the pusher SDK for a stored message. For ordinary channels it is the
 * stored string, which the SDK sends byte for byte. For a `private-encrypted-` channel the SDK
 * encrypts `JSON.stringify(data)` and pusher-js JSON-parses what it decrypts, so the stored string
 * is parsed first when it is JSON: subscribers then get the same value they would get on any other
 * channel (an object for JSON, the string itself otherwise) instead of a doubly encoded string.
 */
export function sdkPayload(channels: string[], data: string): unknown {
  if (channels.length !== 1 || parseChannel(channels[0]).kind !== 'private-encrypted') return data;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return data;
  }
}
