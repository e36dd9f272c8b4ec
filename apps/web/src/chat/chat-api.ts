import { ApiClient } from '@pusher-me/react';
import { readJwtClaims } from '../shared/jwt';

/** Who is chatting in this tab. */
export interface ChatIdentity {
  token: string;
  userId: string;
  name: string;
  room: string;
}

/** A chat line as published through `POST /messages` and read back from history. */
export interface ChatMessage {
  /** Made by the sender, so a line seen live and in history is shown once. */
  clientId: string;
  userId: string;
  name: string;
  text: string;
  sentAt: number;
}

export const MESSAGE_EVENT = 'message';
export const TYPING_EVENT = 'client-typing';

/** Rooms are presence channels, so the members panel and typing indicators work. */
export function roomChannel(room: string): string {
  return `presence-room-${room}`;
}

/** Asks the api (demo mode) for an end-user token that may listen and publish on room channels. */
export async function fetchDemoToken(apiUrl: string, name: string, room: string): Promise<ChatIdentity> {
  const api = new ApiClient({ baseUrl: apiUrl, token: () => undefined });
  const body = await api.request<{ token?: string; userId?: string; user_id?: string }>('POST', '/demo/token', { name });
  if (!body?.token) throw new Error('The api did not return a token');
  const claims = readJwtClaims(body.token);
  const userId = body.userId ?? body.user_id ?? claims.sub;
  if (!userId) throw new Error('The token names no user');
  return { token: body.token, userId, name: claims.name ?? name, room };
}

/** Publishes a chat line through the api (stored, queued, delivered by a worker). */
export async function sendChatMessage(api: ApiClient, channel: string, message: ChatMessage): Promise<void> {
  await api.request('POST', '/messages', { channels: [channel], event: MESSAGE_EVENT, data: JSON.stringify(message) });
}

/** The latest lines of a room, oldest first. */
export async function loadHistory(api: ApiClient, channel: string): Promise<ChatMessage[]> {
  const body = await api.request<unknown>('GET', `/channels/${encodeURIComponent(channel)}/messages?limit=50`);
  const rows = Array.isArray(body)
    ? body
    : Array.isArray((body as { messages?: unknown })?.messages)
      ? (body as { messages: unknown[] }).messages
      : [];
  const lines = rows
    .filter((row) => (row as { event?: string }).event === undefined || (row as { event?: string }).event === MESSAGE_EVENT)
    .map((row) => parseChatMessage((row as { data?: unknown }).data))
    .filter((line): line is ChatMessage => line !== null);
  return lines.sort((a, b) => a.sentAt - b.sentAt);
}

/** Accepts a chat line as an object or its JSON string; anything else is ignored. */
export function parseChatMessage(data: unknown): ChatMessage | null {
  let value = data;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  const line = value as Partial<ChatMessage> | null;
  if (!line || typeof line.text !== 'string' || typeof line.clientId !== 'string') return null;
  return {
    clientId: line.clientId,
    userId: String(line.userId ?? ''),
    name: String(line.name ?? line.userId ?? 'someone'),
    text: line.text,
    sentAt: Number(line.sentAt) || Date.now(),
  };
}
