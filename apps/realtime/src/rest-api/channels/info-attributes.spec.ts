import { channelAttributes, parseInfo } from './info-attributes';

describe('info attributes', () => {
  it('parses the comma-separated list and rejects unknown attributes', () => {
    expect(parseInfo(undefined)).toEqual({ userCount: false, subscriptionCount: false });
    expect(parseInfo('user_count, subscription_count')).toEqual({ userCount: true, subscriptionCount: true });
    expect(() => parseInfo('cache')).toThrow('info attribute "cache" is not supported');
  });

  it('reports user_count for presence channels only', () => {
    const info = { userCount: true, subscriptionCount: true };
    expect(channelAttributes('presence-a', { subscriptionCount: 3, userCount: 2 }, info)).toEqual({ user_count: 2, subscription_count: 3 });
    expect(channelAttributes('private-a', { subscriptionCount: 3 }, info)).toEqual({ subscription_count: 3 });
    expect(channelAttributes('a', { subscriptionCount: 3 }, { userCount: false, subscriptionCount: false })).toEqual({});
  });
});
