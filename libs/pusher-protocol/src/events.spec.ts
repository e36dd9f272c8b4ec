import { decodeClientFrame, encodeError, encodeFrame, encodeServerEvent, PING_FRAME, PONG_FRAME, PusherEvent } from './events';
import { presenceSnapshot } from './presence';

describe('encodeFrame', () => {
  it('puts fields in order and passes string data through as a JSON string', () => {
    const data = '{"some":"data"}';
    const text = encodeFrame({ event: 'my-event', channel: 'my-channel', data });
    expect(text).toBe('{"event":"my-event","channel":"my-channel","data":"{\\"some\\":\\"data\\"}"}');
    expect((JSON.parse(text) as { data: string }).data).toBe(data);
  });

  it('embeds object data as JSON', () => {
    expect(encodeFrame({ event: 'e', data: { a: [1, null, 'x'] } })).toBe('{"event":"e","data":{"a":[1,null,"x"]}}');
  });

  it('omits undefined fields but keeps empty strings, null, 0 and false', () => {
    expect(encodeFrame({ event: 'pusher:cache_miss', channel: 'cache-x' })).toBe('{"event":"pusher:cache_miss","channel":"cache-x"}');
    expect(encodeFrame({ event: 'e', channel: 'c', data: '' })).toBe('{"event":"e","channel":"c","data":""}');
    expect(encodeFrame({ event: 'e', data: null })).toBe('{"event":"e","data":null}');
    expect(encodeFrame({ event: 'e', data: 0 })).toBe('{"event":"e","data":0}');
    expect(encodeFrame({ event: 'e', data: false })).toBe('{"event":"e","data":false}');
  });

  it('adds user_id last for presence client events', () => {
    expect(encodeFrame({ event: 'client-typing', channel: 'presence-x', data: { t: 1 }, user_id: '10' })).toBe(
      '{"event":"client-typing","channel":"presence-x","data":{"t":1},"user_id":"10"}',
    );
  });

  it('escapes quotes, control characters and unicode safely', () => {
    const data = 'line\n"quoted" \\ ✓ \u2028 😀';
    const frame = { event: 'é"v', channel: 'c;d', data, user_id: 'u"1' };
    expect(JSON.parse(encodeFrame(frame))).toEqual(frame);
  });

  it('equals JSON.stringify of the same frame', () => {
    const frame = { event: 'e', channel: 'c', data: { x: 'y' }, user_id: 'u' };
    expect(encodeFrame(frame)).toBe(JSON.stringify(frame));
  });

  it('drops data that has no JSON form', () => {
    expect(encodeFrame({ event: 'e', data: () => 1 })).toBe('{"event":"e"}');
  });
});

describe('encodeServerEvent', () => {
  it('sends connection_established data as a JSON string', () => {
    expect(encodeServerEvent('pusher:connection_established', { socket_id: '123.456', activity_timeout: 120 })).toBe(
      '{"event":"pusher:connection_established","data":"{\\"socket_id\\":\\"123.456\\",\\"activity_timeout\\":120}"}',
    );
  });

  it('sends subscription_succeeded as a string, with the presence snapshot', () => {
    expect(encodeServerEvent('pusher_internal:subscription_succeeded', {}, 'my-channel')).toBe(
      '{"event":"pusher_internal:subscription_succeeded","channel":"my-channel","data":"{}"}',
    );
    const presence = presenceSnapshot([{ user_id: '10', user_info: { name: 'a' } }, { user_id: '11' }]);
    const text = encodeServerEvent('pusher_internal:subscription_succeeded', { presence }, 'presence-x');
    const frame = JSON.parse(text) as { channel: string; data: string };
    expect(frame.channel).toBe('presence-x');
    expect(JSON.parse(frame.data)).toEqual({ presence: { ids: ['10', '11'], hash: { '10': { name: 'a' }, '11': null }, count: 2 } });
  });

  it('sends member events, counts, sign-in and watchlist as strings', () => {
    expect(encodeServerEvent('pusher_internal:member_added', { user_id: '10', user_info: { n: 1 } }, 'presence-x')).toBe(
      '{"event":"pusher_internal:member_added","channel":"presence-x","data":"{\\"user_id\\":\\"10\\",\\"user_info\\":{\\"n\\":1}}"}',
    );
    expect(encodeServerEvent('pusher_internal:member_removed', { user_id: '10' }, 'presence-x')).toBe(
      '{"event":"pusher_internal:member_removed","channel":"presence-x","data":"{\\"user_id\\":\\"10\\"}"}',
    );
    expect(encodeServerEvent('pusher_internal:subscription_count', { subscription_count: 42 }, 'c')).toBe(
      '{"event":"pusher_internal:subscription_count","channel":"c","data":"{\\"subscription_count\\":42}"}',
    );
    expect(encodeServerEvent('pusher:signin_success', { user_data: '{"id":"1"}' })).toBe(
      '{"event":"pusher:signin_success","data":"{\\"user_data\\":\\"{\\\\\\"id\\\\\\":\\\\\\"1\\\\\\"}\\"}"}',
    );
    const watch = encodeServerEvent('pusher_internal:watchlist_events', { events: [{ name: 'online', user_ids: ['11'] }] });
    expect(JSON.parse((JSON.parse(watch) as { data: string }).data)).toEqual({ events: [{ name: 'online', user_ids: ['11'] }] });
  });

  it('sends errors, ping, pong and subscription errors with object data', () => {
    expect(encodeServerEvent('pusher:error', { code: 4001, message: 'x' })).toBe(
      '{"event":"pusher:error","data":{"code":4001,"message":"x"}}',
    );
    expect(encodeServerEvent('pusher:subscription_error', { type: 'AuthError', error: 'bad', status: 401 }, 'private-x')).toBe(
      '{"event":"pusher:subscription_error","channel":"private-x","data":{"type":"AuthError","error":"bad","status":401}}',
    );
    expect(PONG_FRAME).toBe('{"event":"pusher:pong","data":{}}');
    expect(PING_FRAME).toBe('{"event":"pusher:ping","data":{}}');
  });

  it('sends cache_miss without data', () => {
    expect(encodeServerEvent('pusher:cache_miss', undefined, 'cache-x')).toBe('{"event":"pusher:cache_miss","channel":"cache-x"}');
  });
});

describe('encodeError', () => {
  it('encodes a coded error and a subscription-level error with a null code', () => {
    expect(encodeError(4001, 'App key x does not exist')).toBe(
      '{"event":"pusher:error","data":{"code":4001,"message":"App key x does not exist"}}',
    );
    expect(encodeError(null, 'Existing subscription to channel presence-x')).toBe(
      '{"event":"pusher:error","data":{"code":null,"message":"Existing subscription to channel presence-x"}}',
    );
  });
});

describe('decodeClientFrame', () => {
  it('decodes what pusher-js sends', () => {
    expect(decodeClientFrame('{"event":"pusher:subscribe","data":{"auth":"","channel":"my-channel"}}')).toEqual({
      ok: true,
      frame: { event: PusherEvent.Subscribe, data: { auth: '', channel: 'my-channel' } },
    });
    expect(decodeClientFrame('{"event":"client-typing","data":{"who":"me"},"channel":"private-x"}')).toEqual({
      ok: true,
      frame: { event: 'client-typing', channel: 'private-x', data: { who: 'me' } },
    });
    expect(decodeClientFrame('{"event":"pusher:ping","data":{}}')).toEqual({ ok: true, frame: { event: 'pusher:ping', data: {} } });
  });

  it('parses string data that holds JSON and keeps other strings', () => {
    expect(decodeClientFrame('{"event":"pusher:subscribe","data":"{\\"channel\\":\\"a\\"}"}')).toEqual({
      ok: true,
      frame: { event: 'pusher:subscribe', data: { channel: 'a' } },
    });
    expect(decodeClientFrame('{"event":"client-x","channel":"private-a","data":"hello ✓"}')).toEqual({
      ok: true,
      frame: { event: 'client-x', channel: 'private-a', data: 'hello ✓' },
    });
    expect(decodeClientFrame('{"event":"client-x","data":""}')).toEqual({ ok: true, frame: { event: 'client-x', data: '' } });
    expect(decodeClientFrame('{"event":"client-x","data":"12"}')).toEqual({ ok: true, frame: { event: 'client-x', data: 12 } });
  });

  it('allows missing data and a null channel', () => {
    expect(decodeClientFrame('{"event":"pusher:ping"}')).toEqual({ ok: true, frame: { event: 'pusher:ping', data: undefined } });
    expect(decodeClientFrame('{"event":"pusher:ping","channel":null,"data":{}}')).toEqual({
      ok: true,
      frame: { event: 'pusher:ping', data: {} },
    });
  });

  it.each([
    ['', 'Message is not valid JSON'],
    ['{"event":', 'Message is not valid JSON'],
    ['not json', 'Message is not valid JSON'],
    ['null', 'Message must be a JSON object'],
    ['"pusher:ping"', 'Message must be a JSON object'],
    ['42', 'Message must be a JSON object'],
    ['[{"event":"pusher:ping"}]', 'Message must be a JSON object'],
    ['{}', 'Message needs a non-empty string "event"'],
    ['{"event":""}', 'Message needs a non-empty string "event"'],
    ['{"event":7}', 'Message needs a non-empty string "event"'],
    ['{"event":["pusher:ping"]}', 'Message needs a non-empty string "event"'],
    ['{"event":"client-x","channel":5}', '"channel" must be a string'],
    ['{"event":"client-x","channel":{"name":"a"}}', '"channel" must be a string'],
  ])('rejects %j without throwing', (raw, reason) => {
    expect(decodeClientFrame(raw)).toEqual({ ok: false, reason });
  });

  it('round-trips what encodeFrame builds', () => {
    const raw = encodeFrame({ event: 'client-é', channel: 'presence-✓', data: { nested: { list: [1, 'two'] } } });
    expect(decodeClientFrame(raw)).toEqual({
      ok: true,
      frame: { event: 'client-é', channel: 'presence-✓', data: { nested: { list: [1, 'two'] } } },
    });
  });
});
