import {
  allowsClientEvents,
  ChannelKind,
  channelKind,
  isCacheChannel,
  isClientEventName,
  isReservedEventName,
  matchesChannelPattern,
  parseChannel,
  requiresChannelAuth,
  SERVER_TO_USER_PREFIX,
  serverToUserChannel,
  serverToUserId,
  validateChannelName,
  validateEventName,
  validateSocketId,
} from './channel-name';

describe('parseChannel', () => {
  it.each<[string, ChannelKind, boolean]>([
    ['my-channel', 'public', false],
    ['cache-news', 'public', true],
    ['private-room', 'private', false],
    ['private-cache-room', 'private', true],
    ['private-encrypted-room', 'private-encrypted', false],
    ['private-encrypted-cache-room', 'private-encrypted', true],
    ['presence-room', 'presence', false],
    ['presence-cache-room', 'presence', true],
    ['#server-to-user-10', 'server-to-user', false],
    ['#server-to-user-cache-10', 'server-to-user', false],
    ['privatex', 'public', false],
    ['presence', 'public', false],
    ['private-encrypted', 'private', false],
    ['cachex', 'public', false],
    ['my-cache-channel', 'public', false],
    ['', 'public', false],
  ])('%j is %s (cache %s)', (name, kind, cache) => {
    expect(parseChannel(name)).toEqual({ name, kind, cache });
    expect(channelKind(name)).toBe(kind);
    expect(isCacheChannel(name)).toBe(cache);
  });
});

describe('channel kind rules', () => {
  const kinds: ChannelKind[] = ['public', 'private', 'presence', 'private-encrypted', 'server-to-user'];

  it('requires auth for private, encrypted and presence channels only', () => {
    expect(kinds.filter(requiresChannelAuth)).toEqual(['private', 'presence', 'private-encrypted']);
  });

  it('allows client events on private and presence channels only', () => {
    expect(kinds.filter(allowsClientEvents)).toEqual(['private', 'presence']);
  });
});

describe('server-to-user channels', () => {
  it('builds and reads the per-user channel name', () => {
    expect(serverToUserChannel('10')).toBe('#server-to-user-10');
    expect(serverToUserId('#server-to-user-10')).toBe('10');
    expect(serverToUserId('#server-to-user-auth0|abc')).toBe('auth0|abc');
  });

  it('gives no user id for other names or an empty id', () => {
    expect(serverToUserId(SERVER_TO_USER_PREFIX)).toBeNull();
    expect(serverToUserId('private-10')).toBeNull();
    expect(serverToUserId('server-to-user-10')).toBeNull();
  });
});

describe('validateChannelName', () => {
  it.each(['a', 'my-channel', 'private-A_b-c=d@e,f.g;h', 'presence-0123456789', '#server-to-user-10', '#server-to-user-auth0|x y'])(
    'accepts %j',
    (name) => {
      expect(validateChannelName(name)).toBeNull();
    },
  );

  it('names the forbidden characters', () => {
    expect(validateChannelName('x y')).toBe('Channel name "x y" contains characters other than A-Z a-z 0-9 _ - = @ , . ; (first: " ")');
    expect(validateChannelName('private-ü')).toContain('(first: "ü")');
    expect(validateChannelName('a/b')).toContain('(first: "/")');
    expect(validateChannelName('a*b')).toContain('characters other than');
  });

  it('rejects empty names and non-strings', () => {
    expect(validateChannelName('')).toBe('Channel name must not be empty');
    expect(validateChannelName(undefined)).toBe('Channel name must be a string');
    expect(validateChannelName(12)).toBe('Channel name must be a string');
  });

  it('enforces 200 characters by default and a configurable limit', () => {
    expect(validateChannelName('a'.repeat(200))).toBeNull();
    expect(validateChannelName('a'.repeat(201))).toBe('Channel name is 201 characters long; the limit is 200');
    expect(validateChannelName('a'.repeat(165), 164)).toBe('Channel name is 165 characters long; the limit is 164');
    expect(validateChannelName(`${SERVER_TO_USER_PREFIX}${'1'.repeat(200)}`)).toContain('the limit is 200');
  });

  it('allows a leading # only for #server-to-user-{id}', () => {
    expect(validateChannelName('#foo')).toBe('Channel name "#foo" may not start with "#": only "#server-to-user-{userId}" channels may');
    expect(validateChannelName('#server-to-user-')).toBe('Channel name "#server-to-user-" lacks the user id after "#server-to-user-"');
    expect(validateChannelName('#server-to-user-a\nb')).toBe('Channel name "#server-to-user-a\\nb" contains control characters');
    expect(validateChannelName('private-#x')).toContain('(first: "#")');
  });
});

describe('event names', () => {
  it('recognises client events', () => {
    expect(isClientEventName('client-typing')).toBe(true);
    expect(isClientEventName('client-')).toBe(false);
    expect(isClientEventName('typing')).toBe(false);
    expect(isClientEventName('pusher:client-x')).toBe(false);
  });

  it('recognises reserved names', () => {
    expect(isReservedEventName('pusher:subscribe')).toBe(true);
    expect(isReservedEventName('pusher_internal:member_added')).toBe(true);
    expect(isReservedEventName('pusherx')).toBe(false);
    expect(isReservedEventName('client-pusher:x')).toBe(false);
  });

  it('validates length and type, not the charset', () => {
    expect(validateEventName('my event ✓')).toBeNull();
    expect(validateEventName('e'.repeat(200))).toBeNull();
    expect(validateEventName('e'.repeat(201))).toBe('Event name is 201 characters long; the limit is 200');
    expect(validateEventName('e'.repeat(11), 10)).toBe('Event name is 11 characters long; the limit is 10');
    expect(validateEventName('')).toBe('Event name must not be empty');
    expect(validateEventName(null)).toBe('Event name must be a string');
  });
});

describe('validateSocketId', () => {
  it.each(['1.1', '123456.7891011', '0.0'])('accepts %j', (id) => {
    expect(validateSocketId(id)).toBe(true);
  });

  it.each(['', '1', '1.', '.1', '1.1.1', 'a.1', ' 1.1', '1.1\n', '-1.1', '1,1', 11])('rejects %j', (id) => {
    expect(validateSocketId(id)).toBe(false);
  });
});

describe('matchesChannelPattern', () => {
  it.each([
    ['*', 'anything', true],
    ['*', '', true],
    ['chat', 'chat', true],
    ['chat', 'chat-1', false],
    ['private-chat-*', 'private-chat-1', true],
    ['private-chat-*', 'private-chat-', true],
    ['private-chat-*', 'private-cha', false],
    ['*-room', 'presence-room', true],
    ['*-room', 'presence-rooms', false],
    ['presence-*-room-*', 'presence-a-room-b', true],
    ['presence-*-room-*', 'presence-room-b', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'acb', false],
    ['ab*ba', 'aba', false],
    ['ab*ba', 'abba', true],
    ['a**b', 'ab', true],
    ['*a*', 'bab', true],
    ['*a*', 'bbb', false],
    ['x.y', 'xzy', false],
    ['private-*', 'Private-x', false],
  ])('%j vs %j → %s', (pattern, channel, expected) => {
    expect(matchesChannelPattern(pattern, channel)).toBe(expected);
  });

  it('stays linear on hostile patterns', () => {
    const pattern = `${'a*'.repeat(5000)}b`;
    const channel = 'a'.repeat(10000);
    expect(matchesChannelPattern(pattern, channel)).toBe(false);
  });
});
