import type { WatchlistEvent } from '@app/pusher-protocol';

/**
 * Wire format of messages between nodes on the Redis bus: a few `\n`-separated header fields, then the
 * client frame as is, so a receiving node slices the frame's bytes out of the message without parsing
 * or copying it. Channel names and app ids never contain `\n` (validated at the edge).
 *
 *   E\n{origin}\n{appId}\n{excludeSocketId}\n{channel}\n{frame}     an event for a channel
 *   T\n{origin}\n{appId}\n{userId}                                  terminate a user's sockets
 *   W\n{origin}\n{appId}\n{online|offline}\n{JSON array of user ids}  a watchlist transition
 */
export type BusMessage =
  | { kind: 'event'; origin: string; appId: string; exclude: string; channel: string; frame: Buffer }
  | { kind: 'terminate'; origin: string; appId: string; userId: string }
  | { kind: 'watchlist'; origin: string; appId: string; name: WatchlistEvent['name']; userIds: string[] };

const NEWLINE = 0x0a;

export function encodeEventMessage(origin: number, appId: string, channel: string, frame: string, exclude = ''): string {
  return `E\n${origin}\n${appId}\n${exclude}\n${channel}\n${frame}`;
}

export function encodeTerminateMessage(origin: number, appId: string, userId: string): string {
  return `T\n${origin}\n${appId}\n${userId}`;
}

export function encodeWatchlistMessage(origin: number, appId: string, name: WatchlistEvent['name'], userIds: readonly string[]): string {
  return `W\n${origin}\n${appId}\n${name}\n${JSON.stringify(userIds)}`;
}

/** Parses a bus message; undefined for anything malformed (ignored by the receiver). */
export function decodeBusMessage(message: Buffer): BusMessage | undefined {
  const kind = message[0];
  if (message[1] !== NEWLINE) return undefined;
  const fields: string[] = [];
  let start = 2;
  const headerCount = kind === 0x45 /* E */ ? 4 : kind === 0x57 /* W */ ? 3 : 2;
  for (let i = 0; i < headerCount; i++) {
    const end = message.indexOf(NEWLINE, start);
    if (end === -1) return undefined;
    fields.push(message.toString('utf8', start, end));
    start = end + 1;
  }
  if (kind === 0x45) {
    return { kind: 'event', origin: fields[0], appId: fields[1], exclude: fields[2], channel: fields[3], frame: message.subarray(start) };
  }
  if (kind === 0x54 /* T */) {
    return { kind: 'terminate', origin: fields[0], appId: fields[1], userId: message.toString('utf8', start) };
  }
  if (kind === 0x57 /* W */) return decodeWatchlist(fields, message.toString('utf8', start));
  return undefined;
}

function decodeWatchlist(fields: string[], tail: string): BusMessage | undefined {
  const name = fields[2];
  if (name !== 'online' && name !== 'offline') return undefined;
  let userIds: unknown;
  try {
    userIds = JSON.parse(tail);
  } catch {
    return undefined;
  }
  if (!Array.isArray(userIds) || !userIds.every((id) => typeof id === 'string')) return undefined;
  return { kind: 'watchlist', origin: fields[0], appId: fields[1], name, userIds };
}
