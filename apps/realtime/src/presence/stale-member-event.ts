import { PusherEvent } from '@app/pusher-protocol';

/**
 * True for a member event held while a presence subscription was set up that the snapshot already
 * reflects: `member_added` of a user in the snapshot, `member_removed` of a user not in it. Sending
 * it after the snapshot would make pusher-js report a join or leave that did not happen after it.
 * Only held frames (a few, while Redis answers) go through this, never the broadcast path.
 */
export function isStaleMemberEvent(frame: Buffer | string, members: ReadonlyMap<string, string>): boolean {
  const text = typeof frame === 'string' ? frame : frame.toString('utf8');
  if (!text.includes(PusherEvent.MemberAdded) && !text.includes(PusherEvent.MemberRemoved)) return false;
  try {
    const parsed = JSON.parse(text) as { event?: unknown; data?: unknown };
    if (typeof parsed.data !== 'string') return false;
    const userId = (JSON.parse(parsed.data) as { user_id?: unknown }).user_id;
    if (typeof userId !== 'string') return false;
    if (parsed.event === PusherEvent.MemberAdded) return members.has(userId);
    if (parsed.event === PusherEvent.MemberRemoved) return !members.has(userId);
  } catch {
    // Not a member event of ours: keep it.
  }
  return false;
}
