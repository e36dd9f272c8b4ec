import type { Members, PresenceChannel } from 'pusher-js';
import type { Channel } from 'pusher-js';
import { useMembers } from '@pusher-me/react';
import { Empty, ErrorNotice, Loading } from '../ui/states';

/** Display names come from presence `user_info`; the registry itself knows user ids and platforms. */
function displayName(channel: Channel | null, userId: string): string {
  const members: Members | undefined = (channel as PresenceChannel | null)?.members;
  const info = members?.get(userId) as { info?: { name?: unknown } } | null | undefined;
  return typeof info?.info?.name === 'string' ? info.info.name : userId;
}

/** Who is online in the room according to the membership registry, with counts per platform. */
export function MembersPanel({
  channel,
  presence,
  me,
}: {
  channel: string;
  presence: Channel | null;
  me: { userId: string; token: string };
}) {
  const members = useMembers(channel, { userId: me.userId, token: me.token, pollMs: 15_000 });
  const platforms = Object.entries(members.platforms).filter(([, count]) => count > 0);
  // The registry pages in user-id order; on screen, you come first and the rest by name.
  const listed = [...members.members].sort((a, b) =>
    a.userId === me.userId
      ? -1
      : b.userId === me.userId
        ? 1
        : displayName(presence, a.userId).localeCompare(displayName(presence, b.userId)),
  );

  return (
    <aside className="card members" aria-label="Members" data-testid="members-panel">
      <h2>
        Online{' '}
        <span className="badge" data-testid="members-total">
          {members.total}
        </span>
      </h2>
      {platforms.length > 0 && (
        <ul className="platforms" aria-label="Members per platform">
          {platforms.map(([platform, count]) => (
            <li key={platform} data-testid={`platform-${platform}`}>
              {platform} <strong>{count}</strong>
            </li>
          ))}
        </ul>
      )}
      {members.error && <ErrorNotice error={members.error.message} onRetry={members.refresh} />}
      {members.loading ? (
        <Loading label="Loading members…" />
      ) : members.members.length === 0 ? (
        <Empty>Nobody is here yet.</Empty>
      ) : (
        <ul className="member-list">
          {listed.map((member) => (
            <li key={member.userId} data-testid="member" data-user-id={member.userId}>
              <span className="avatar" aria-hidden="true">
                {displayName(presence, member.userId).slice(0, 1).toUpperCase()}
              </span>
              <span className="member-name">
                {displayName(presence, member.userId)}
                {member.userId === me.userId && <span className="muted"> (you)</span>}
              </span>
              <span className="muted small">{member.platforms.join(', ')}</span>
            </li>
          ))}
        </ul>
      )}
      {members.total > members.members.length && <p className="muted small">and {members.total - members.members.length} more</p>}
    </aside>
  );
}
