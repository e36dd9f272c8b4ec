import { useCallback, useEffect, useRef, useState } from 'react';
import type { Channel } from 'pusher-js';
import { useEvent, useTrigger } from '@pusher-me/react';
import { TYPING_EVENT } from './chat-api';

/** A typing notice is shown this long after the last client event from that user. */
const SHOW_MS = 3_000;
/** Keystrokes send at most one client event per this interval (the server allows 10 per second). */
const SEND_EVERY_MS = 1_500;

/**
 * Typing indicators over client events (`client-typing`, never echoed to the sender): returns who
 * else is typing and a function to call on each keystroke.
 */
export function useTyping(channel: Channel | null, me: { userId: string; name: string }): { typing: string[]; onKeystroke: () => void } {
  const trigger = useTrigger<{ userId: string; name: string }>(channel);
  const [typing, setTyping] = useState<Record<string, { name: string; until: number }>>({});
  const lastSent = useRef(0);

  useEvent<{ userId?: string; name?: string }>(channel, TYPING_EVENT, (data, metadata) => {
    const userId = metadata?.user_id ?? data?.userId;
    if (!userId || userId === me.userId) return;
    setTyping((current) => ({ ...current, [userId]: { name: String(data?.name ?? userId), until: Date.now() + SHOW_MS } }));
  });

  useEffect(() => {
    if (Object.keys(typing).length === 0) return;
    const timer = setInterval(() => {
      setTyping((current) => Object.fromEntries(Object.entries(current).filter(([, entry]) => entry.until > Date.now())));
    }, 500);
    return () => clearInterval(timer);
  }, [typing]);

  const onKeystroke = useCallback(() => {
    const now = Date.now();
    if (now - lastSent.current < SEND_EVERY_MS) return;
    if (trigger(TYPING_EVENT, { userId: me.userId, name: me.name })) lastSent.current = now;
  }, [trigger, me.userId, me.name]);

  return { typing: Object.values(typing).map((entry) => entry.name), onKeystroke };
}
