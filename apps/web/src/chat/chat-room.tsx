import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useChannel, useEvent, usePusherContext } from '@pusher-me/react';
import { describeError } from '../shared/errors';
import { ConnectionBanner, Empty, ErrorNotice, Loading } from '../ui/states';
import {
  loadHistory,
  MESSAGE_EVENT,
  parseChatMessage,
  roomChannel,
  sendChatMessage,
  type ChatIdentity,
  type ChatMessage,
} from './chat-api';
import { MembersPanel } from './members-panel';
import { useTyping } from './use-typing';

type Line = ChatMessage & { pending?: boolean; failed?: boolean };

/** A unique line id; `crypto.randomUUID` exists only on secure (https or localhost) pages. */
function newClientId(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** Adds lines not seen yet (by clientId) and keeps the list in send order. */
function merge(current: Line[], incoming: Line[]): Line[] {
  const byId = new Map(current.map((line) => [line.clientId, line]));
  for (const line of incoming) byId.set(line.clientId, { ...byId.get(line.clientId), ...line });
  return [...byId.values()].sort((a, b) => a.sentAt - b.sentAt);
}

/** One room: history, live messages, the composer with typing indicators, and the members panel. */
export function ChatRoom({ identity, onLeave }: { identity: ChatIdentity; onLeave: () => void }) {
  const channelName = roomChannel(identity.room);
  const { api } = usePusherContext();
  const channel = useChannel(channelName, { userId: identity.userId, token: identity.token });
  const [lines, setLines] = useState<Line[]>([]);
  const [history, setHistory] = useState<{ loading: boolean; error: string | null }>({ loading: true, error: null });
  const [attempt, setAttempt] = useState(0);
  const [draft, setDraft] = useState('');
  const { typing, onKeystroke } = useTyping(channel, identity);
  const listEnd = useRef<HTMLLIElement>(null);

  useEffect(() => {
    let live = true;
    loadHistory(api, channelName).then(
      (loaded) => {
        if (!live) return;
        setLines((current) => merge(current, loaded));
        setHistory({ loading: false, error: null });
      },
      (error: unknown) => live && setHistory({ loading: false, error: describeError(error) }),
    );
    return () => {
      live = false;
    };
  }, [api, channelName, attempt]);

  useEvent(channel, MESSAGE_EVENT, (data) => {
    const line = parseChatMessage(data);
    if (line) setLines((current) => merge(current, [{ ...line, pending: false }]));
  });

  // Braces matter: scrollIntoView returns a Promise in recent browsers, and an effect may only return a cleanup.
  useEffect(() => {
    listEnd.current?.scrollIntoView?.({ block: 'end' });
  }, [lines.length]);

  const send = useCallback(
    (line: Line) => {
      setLines((current) => merge(current, [{ ...line, pending: true, failed: false }]));
      sendChatMessage(api, channelName, line).catch(() =>
        setLines((current) => merge(current, [{ ...line, pending: false, failed: true }])),
      );
    },
    [api, channelName],
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    setDraft('');
    send({ clientId: newClientId(), userId: identity.userId, name: identity.name, text, sentAt: Date.now() });
  };

  return (
    <div className="room">
      <section className="card chat" aria-label={`Room ${identity.room}`}>
        <header className="chat-header">
          <div>
            <h1>#{identity.room}</h1>
            <span className="muted small">
              signed in as <strong data-testid="me">{identity.name}</strong>
            </span>
          </div>
          <div className="chat-actions">
            <ConnectionBanner />
            <button type="button" className="secondary" onClick={onLeave}>
              Leave
            </button>
          </div>
        </header>
        <ol className="messages" data-testid="messages" aria-live="polite">
          {history.loading && lines.length === 0 && (
            <li>
              <Loading label="Loading history…" />
            </li>
          )}
          {history.error && (
            <li>
              <ErrorNotice error={`History unavailable: ${history.error}`} onRetry={() => setAttempt((n) => n + 1)} />
            </li>
          )}
          {!history.loading && !history.error && lines.length === 0 && (
            <li>
              <Empty>No messages yet. Say hello!</Empty>
            </li>
          )}
          {lines.map((line) => (
            <li key={line.clientId} className={line.userId === identity.userId ? 'message mine' : 'message'} data-testid="message">
              <span className="author">{line.name}</span>
              <span className="text">{line.text}</span>
              <span className="meta">
                {line.failed ? (
                  <button type="button" className="link" onClick={() => send(line)}>
                    not sent, retry
                  </button>
                ) : line.pending ? (
                  'sending…'
                ) : (
                  new Date(line.sentAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
                )}
              </span>
            </li>
          ))}
          <li ref={listEnd} aria-hidden="true" />
        </ol>
        <p className="typing" data-testid="typing" aria-live="polite">
          {typing.length === 0 ? '\u00a0' : `${typing.join(', ')} ${typing.length === 1 ? 'is' : 'are'} typing…`}
        </p>
        <form className="composer" onSubmit={submit}>
          <input
            aria-label="Message"
            name="message"
            placeholder="Write a message"
            value={draft}
            maxLength={2000}
            autoComplete="off"
            onChange={(event) => {
              setDraft(event.target.value);
              onKeystroke();
            }}
          />
          <button type="submit" disabled={!draft.trim()}>
            Send
          </button>
        </form>
      </section>
      <MembersPanel channel={channelName} presence={channel} me={identity} />
    </div>
  );
}
