import Pusher from 'pusher';
import { normalizeUserId, parseChannelData, presenceSnapshot } from './presence';

describe('parseChannelData', () => {
  it('reads what the SDK signs', () => {
    const sdk = new Pusher({ appId: '1', key: 'k', secret: 's', host: '127.0.0.1' });
    const { channel_data: channelData } = sdk.authorizeChannel('1.1', 'presence-x', {
      user_id: '10',
      user_info: { name: 'Mr. Channels ✓' },
    });
    expect(parseChannelData(channelData!)).toEqual({ user_id: '10', user_info: { name: 'Mr. Channels ✓' } });
  });

  it('leaves user_info out when absent and keeps falsy values when present', () => {
    expect(parseChannelData('{"user_id":"10"}')).toEqual({ user_id: '10' });
    expect(parseChannelData('{"user_id":"10","user_info":null}')).toEqual({ user_id: '10', user_info: null });
    expect(parseChannelData('{"user_id":"10","user_info":""}')).toEqual({ user_id: '10', user_info: '' });
  });

  it('turns numeric user ids into strings', () => {
    expect(parseChannelData('{"user_id":10}')).toEqual({ user_id: '10' });
    expect(parseChannelData('{"user_id":0}')).toEqual({ user_id: '0' });
  });

  it.each([
    ['', 'channel_data is not valid JSON'],
    ['{user_id:1}', 'channel_data is not valid JSON'],
    ['null', 'channel_data must be a JSON object'],
    ['"10"', 'channel_data must be a JSON object'],
    ['[{"user_id":"10"}]', 'channel_data must be a JSON object'],
    ['{}', 'channel_data.user_id must be a non-empty string or a number'],
    ['{"user_id":""}', 'channel_data.user_id must be a non-empty string or a number'],
    ['{"user_id":null}', 'channel_data.user_id must be a non-empty string or a number'],
    ['{"user_id":true}', 'channel_data.user_id must be a non-empty string or a number'],
    ['{"user_id":{"id":1}}', 'channel_data.user_id must be a non-empty string or a number'],
  ])('rejects %j', (channelData, reason) => {
    expect(parseChannelData(channelData)).toBe(reason);
  });

  it('limits the user id to 128 characters by default', () => {
    expect(parseChannelData(JSON.stringify({ user_id: 'u'.repeat(128) }))).toEqual({ user_id: 'u'.repeat(128) });
    expect(parseChannelData(JSON.stringify({ user_id: 'u'.repeat(129) }))).toBe(
      'channel_data.user_id is 129 characters long; the limit is 128',
    );
    expect(parseChannelData(JSON.stringify({ user_id: 'abc' }), { maxUserIdLength: 2 })).toBe(
      'channel_data.user_id is 3 characters long; the limit is 2',
    );
  });

  it('limits user_info to 1 KB of UTF-8 JSON by default', () => {
    const fits = { user_id: '1', user_info: 'x'.repeat(1022) }; // 1024 bytes with the quotes
    expect(parseChannelData(JSON.stringify(fits))).toEqual(fits);
    expect(parseChannelData(JSON.stringify({ user_id: '1', user_info: 'x'.repeat(1023) }))).toBe(
      'channel_data.user_info is 1025 bytes of JSON; the limit is 1024',
    );
    // 400 three-byte characters are 1202 bytes, though only 402 code units.
    expect(parseChannelData(JSON.stringify({ user_id: '1', user_info: '✓'.repeat(400) }))).toBe(
      'channel_data.user_info is 1202 bytes of JSON; the limit is 1024',
    );
    expect(parseChannelData(JSON.stringify({ user_id: '1', user_info: 'x'.repeat(3000) }), { maxUserInfoBytes: 4096 })).toEqual({
      user_id: '1',
      user_info: 'x'.repeat(3000),
    });
  });
});

describe('normalizeUserId', () => {
  it('accepts non-empty strings and finite numbers', () => {
    expect(normalizeUserId('a')).toBe('a');
    expect(normalizeUserId(12.5)).toBe('12.5');
    expect(normalizeUserId('')).toBeNull();
    expect(normalizeUserId(Number.NaN)).toBeNull();
    expect(normalizeUserId(Infinity)).toBeNull();
    expect(normalizeUserId(undefined)).toBeNull();
  });
});

describe('presenceSnapshot', () => {
  it('lists ids, a hash with null for missing info, and the count', () => {
    expect(presenceSnapshot([{ user_id: '10', user_info: { name: 'a' } }, { user_id: '11' }])).toEqual({
      ids: ['10', '11'],
      hash: { '10': { name: 'a' }, '11': null },
      count: 2,
    });
  });

  it('is empty for no members and accepts any iterable', () => {
    expect(presenceSnapshot([])).toEqual({ ids: [], hash: {}, count: 0 });
    const members = new Map([['1', { user_id: '1', user_info: 0 }]]);
    expect(presenceSnapshot(members.values())).toEqual({ ids: ['1'], hash: { '1': 0 }, count: 1 });
  });
});
