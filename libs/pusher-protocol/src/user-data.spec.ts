import Pusher from 'pusher';
import { memberFromUser, parseUserData } from './user-data';

describe('parseUserData', () => {
  it('reads what the SDK signs', () => {
    const sdk = new Pusher({ appId: '1', key: 'k', secret: 's', host: '127.0.0.1' });
    const { user_data: userData } = sdk.authenticateUser('1.1', { id: '10', user_info: { name: 'x' }, watchlist: ['11', '12'] });
    expect(parseUserData(userData)).toEqual({ id: '10', user_info: { name: 'x' }, watchlist: ['11', '12'] });
  });

  it('needs only an id', () => {
    expect(parseUserData('{"id":"ü"}')).toEqual({ id: 'ü' });
    expect(parseUserData('{"id":"1","watchlist":[]}')).toEqual({ id: '1', watchlist: [] });
  });

  it.each([
    ['', 'user_data is not valid JSON'],
    ['[]', 'user_data must be a JSON object'],
    ['null', 'user_data must be a JSON object'],
    ['{}', 'user_data.id must be a non-empty string'],
    ['{"id":""}', 'user_data.id must be a non-empty string'],
    ['{"id":10}', 'user_data.id must be a non-empty string'],
    ['{"id":"1","watchlist":"2"}', 'user_data.watchlist must be an array of non-empty user id strings'],
    ['{"id":"1","watchlist":[2]}', 'user_data.watchlist must be an array of non-empty user id strings'],
    ['{"id":"1","watchlist":[""]}', 'user_data.watchlist must be an array of non-empty user id strings'],
  ])('rejects %j', (userData, reason) => {
    expect(parseUserData(userData)).toBe(reason);
  });

  it('limits the watchlist to 100 ids and user_info to 1 KB by default', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i));
    expect(parseUserData(JSON.stringify({ id: '1', watchlist: ids(100) }))).toEqual({ id: '1', watchlist: ids(100) });
    expect(parseUserData(JSON.stringify({ id: '1', watchlist: ids(101) }))).toBe('user_data.watchlist has 101 ids; the limit is 100');
    expect(parseUserData(JSON.stringify({ id: '1', watchlist: ids(3) }), { maxWatchlistSize: 2 })).toBe(
      'user_data.watchlist has 3 ids; the limit is 2',
    );
    expect(parseUserData(JSON.stringify({ id: '1', user_info: 'x'.repeat(1023) }))).toBe(
      'user_data.user_info is 1025 bytes of JSON; the limit is 1024',
    );
  });
});

describe('memberFromUser', () => {
  it('makes the signed-in user a presence member', () => {
    expect(memberFromUser({ id: '10', user_info: { name: 'x' }, watchlist: ['1'] })).toEqual({ user_id: '10', user_info: { name: 'x' } });
    expect(memberFromUser({ id: '10' })).toEqual({ user_id: '10' });
  });
});
