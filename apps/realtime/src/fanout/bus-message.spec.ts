import { decodeBusMessage, encodeEventMessage, encodeTerminateMessage, encodeWatchlistMessage } from './bus-message';

describe('bus messages', () => {
  it('round-trips an event and slices the frame bytes untouched', () => {
    const frame = '{"event":"e","channel":"c","data":"line1\\nline2 é"}';
    const decoded = decodeBusMessage(Buffer.from(encodeEventMessage(12, 'app-id', 'private-x', frame, '12.7')));
    expect(decoded).toMatchObject({ kind: 'event', origin: '12', appId: 'app-id', exclude: '12.7', channel: 'private-x' });
    expect(decoded?.kind === 'event' && decoded.frame.toString()).toBe(frame);
  });

  it('round-trips an event without exclusion and a terminate message', () => {
    expect(decodeBusMessage(Buffer.from(encodeEventMessage(1, 'a', '#server-to-user-u 1', '{}')))).toMatchObject({
      exclude: '',
      channel: '#server-to-user-u 1',
    });
    expect(decodeBusMessage(Buffer.from(encodeTerminateMessage(3, 'a', 'user:9')))).toEqual({
      kind: 'terminate',
      origin: '3',
      appId: 'a',
      userId: 'user:9',
    });
  });

  it('round-trips a watchlist transition, user ids with newlines included', () => {
    expect(decodeBusMessage(Buffer.from(encodeWatchlistMessage(4, 'a', 'offline', ['u1', 'odd\nid'])))).toEqual({
      kind: 'watchlist',
      origin: '4',
      appId: 'a',
      name: 'offline',
      userIds: ['u1', 'odd\nid'],
    });
  });

  it('ignores malformed messages', () => {
    for (const text of ['', 'E', 'E\n1\napp', 'X\n1\na\nb', 'T1', 'W\n1\na\naway\n["u"]', 'W\n1\na\nonline\n[1]', 'W\n1\na\nonline\n{'])
      expect(decodeBusMessage(Buffer.from(text))).toBeUndefined();
  });
});
