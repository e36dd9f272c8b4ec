import { parseSigninData, parseSubscribeData, parseUnsubscribeData } from './frame-data';

describe('parseSubscribeData', () => {
  it('reads public, private and presence subscribes', () => {
    expect(parseSubscribeData({ auth: '', channel: 'my-channel' })).toEqual({ auth: '', channel: 'my-channel' });
    expect(parseSubscribeData({ channel: 'my-channel' })).toEqual({ channel: 'my-channel' });
    expect(parseSubscribeData({ auth: 'k:s', channel_data: '{"user_id":"1"}', channel: 'presence-x' })).toEqual({
      auth: 'k:s',
      channel_data: '{"user_id":"1"}',
      channel: 'presence-x',
    });
  });

  it('treats null auth and channel_data as absent and ignores unknown fields', () => {
    expect(parseSubscribeData({ channel: 'a', auth: null, channel_data: null, extra: 1 })).toEqual({ channel: 'a' });
  });

  it.each([
    [undefined, 'pusher:subscribe data must be an object'],
    ['my-channel', 'pusher:subscribe data must be an object'],
    [['a'], 'pusher:subscribe data must be an object'],
    [{}, 'pusher:subscribe data.channel must be a string'],
    [{ channel: 1 }, 'pusher:subscribe data.channel must be a string'],
    [{ channel: 'a', auth: 1 }, 'pusher:subscribe data.auth must be a string'],
    [
      { channel: 'presence-a', auth: 'k:s', channel_data: { user_id: '1' } },
      'pusher:subscribe data.channel_data must be a JSON-encoded string',
    ],
  ])('rejects %j', (data, reason) => {
    expect(parseSubscribeData(data)).toBe(reason);
  });
});

describe('parseUnsubscribeData', () => {
  it('reads the channel', () => {
    expect(parseUnsubscribeData({ channel: 'a', other: true })).toEqual({ channel: 'a' });
    expect(parseUnsubscribeData(null)).toBe('pusher:unsubscribe data must be an object');
    expect(parseUnsubscribeData({})).toBe('pusher:unsubscribe data.channel must be a string');
  });
});

describe('parseSigninData', () => {
  it('reads auth and user_data', () => {
    expect(parseSigninData({ auth: 'k:s', user_data: '{"id":"1"}' })).toEqual({ auth: 'k:s', user_data: '{"id":"1"}' });
  });

  it('rejects missing or mistyped fields', () => {
    expect(parseSigninData('x')).toBe('pusher:signin data must be an object');
    expect(parseSigninData({ user_data: '{}' })).toBe('pusher:signin data.auth must be a non-empty string');
    expect(parseSigninData({ auth: '', user_data: '{}' })).toBe('pusher:signin data.auth must be a non-empty string');
    expect(parseSigninData({ auth: 'k:s', user_data: { id: '1' } })).toBe('pusher:signin data.user_data must be a JSON-encoded string');
  });
});
