import { encodeServerEvent } from '@app/pusher-protocol';
import { isStaleMemberEvent } from './stale-member-event';

const members = new Map([['alice', 'null']]);
const added = (id: string) => encodeServerEvent('pusher_internal:member_added', { user_id: id }, 'presence-x');
const removed = (id: string) => encodeServerEvent('pusher_internal:member_removed', { user_id: id }, 'presence-x');

describe('isStaleMemberEvent', () => {
  it('drops joins and leaves the snapshot already reflects', () => {
    expect(isStaleMemberEvent(added('alice'), members)).toBe(true);
    expect(isStaleMemberEvent(Buffer.from(removed('bob')), members)).toBe(true);
  });

  it('keeps joins and leaves that happened after the snapshot, and every other frame', () => {
    expect(isStaleMemberEvent(added('bob'), members)).toBe(false);
    expect(isStaleMemberEvent(Buffer.from(removed('alice')), members)).toBe(false);
    expect(isStaleMemberEvent('{"event":"client-x","channel":"presence-x","data":"pusher_internal:member_added"}', members)).toBe(false);
    expect(isStaleMemberEvent('{"event":"e","data":"{}"}', members)).toBe(false);
  });
});
