import { useState, type FormEvent } from 'react';
import type { ChannelMembers } from '@pusher-me/react';
import { describeError } from '../shared/errors';
import { Empty, ErrorNotice, Loading } from '../ui/states';
import type { AdminApi } from './admin-api';

/** Look up who is registered on a channel, a page at a time. */
export function MembershipBrowser({ api }: { api: AdminApi }) {
  const [channel, setChannel] = useState('presence-room-lobby');
  const [pages, setPages] = useState<ChannelMembers[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = (cursor: string | null, append: boolean) => {
    setBusy(true);
    setError(null);
    api.members(channel.trim(), cursor).then(
      (page) => {
        setPages((current) => (append ? [...current, page] : [page]));
        setBusy(false);
      },
      (failure: unknown) => {
        setError(describeError(failure));
        setBusy(false);
      },
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    load(null, false);
  };

  const first = pages[0];
  const last = pages.at(-1);
  const members = pages.flatMap((page) => page.members);
  return (
    <section className="card" aria-label="Membership browser">
      <h2>Membership</h2>
      <form className="row" onSubmit={submit}>
        <input aria-label="Channel" value={channel} onChange={(e) => setChannel(e.target.value)} required />
        <button type="submit" disabled={busy}>
          Look up
        </button>
      </form>
      {error && <ErrorNotice error={error} />}
      {busy && pages.length === 0 && <Loading />}
      {first && (
        <>
          <p className="muted small" data-testid="membership-summary">
            {first.total} users · {first.sockets} sockets ·{' '}
            {Object.entries(first.platforms)
              .map(([platform, count]) => `${platform} ${count}`)
              .join(' · ')}
          </p>
          {members.length === 0 ? (
            <Empty>Nobody is registered on this channel.</Empty>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>User</th>
                  <th>Platforms</th>
                  <th>Sockets</th>
                  <th>Last seen</th>
                </tr>
              </thead>
              <tbody>
                {members.map((member) => (
                  <tr key={member.userId}>
                    <td className="mono">{member.userId}</td>
                    <td>{member.platforms.join(', ')}</td>
                    <td>{member.sockets.length}</td>
                    <td>{new Date(Math.max(0, ...member.sockets.map((socket) => socket.lastSeenAt))).toLocaleTimeString()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {last?.nextCursor && (
            <button type="button" className="secondary" disabled={busy} onClick={() => load(last.nextCursor, true)}>
              {busy ? 'Loading…' : 'Load more'}
            </button>
          )}
        </>
      )}
    </section>
  );
}
