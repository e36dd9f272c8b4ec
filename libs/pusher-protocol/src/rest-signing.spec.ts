import Pusher from 'pusher';
import { hmacSha256Hex, md5Hex } from './signatures';
import {
  RestVerification,
  restQueryString,
  restStringToSign,
  signRestRequest,
  verifyRestRequest,
  VerifyRestRequestInput,
} from './rest-signing';

// Test vectors of PROTOCOL.md §2.9, computed with the real pusher@5.3.4 SDK.
const key = '278d425bdf160c739803';
const secret = '7ad3773142a6692b25b8';
const timestamp = 1353088179;
const eventBody = '{"name":"foo","channels":["project-3"],"data":"{\\"some\\":\\"data\\"}"}';
const sdk = new Pusher({ appId: '3', key, secret, host: '127.0.0.1' });

/** The SDK's query string, as it would put it on the URL, read back into decoded pairs. */
function sdkQuery(options: { method: string; path: string; body?: string; params?: Record<string, string> }): Record<string, string> {
  const spy = jest.spyOn(Date, 'now').mockReturnValue(timestamp * 1000);
  try {
    return Object.fromEntries(new URLSearchParams(sdk.createSignedQueryString(options)));
  } finally {
    spy.mockRestore();
  }
}

function verify(overrides: Partial<VerifyRestRequestInput> & Pick<VerifyRestRequestInput, 'query'>) {
  return verifyRestRequest({
    method: 'POST',
    path: '/apps/3/events',
    rawBody: eventBody,
    appKeyLookup: (k) => (k === key ? secret : undefined),
    now: timestamp * 1000,
    ...overrides,
  });
}

/** `status message` of a failed verification, or 'ok'. */
function failure(result: RestVerification): string {
  return result.ok ? 'ok' : `${result.status} ${result.message}`;
}

describe('signRestRequest', () => {
  it('matches the POST vector', () => {
    const query = signRestRequest({ method: 'POST', path: '/apps/3/events', body: eventBody, key, secret, timestamp });
    expect(restQueryString(query)).toBe(
      'auth_key=278d425bdf160c739803&auth_timestamp=1353088179&auth_version=1.0&body_md5=ec365a775a4cd0599faeb73354201b6f&auth_signature=da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c',
    );
  });

  it('matches the GET vector', () => {
    const query = signRestRequest({
      method: 'get',
      path: '/apps/3/channels',
      query: { filter_by_prefix: 'presence-', info: 'user_count' },
      key,
      secret,
      timestamp,
    });
    expect(query.auth_signature).toBe('16819168891cb5dfd72b5c7a5d3d602605b26c6ba1930033b5e2eeeb65010291');
    expect(query.body_md5).toBeUndefined();
  });

  it.each([
    { method: 'POST', path: '/apps/3/events', body: eventBody },
    { method: 'POST', path: '/apps/3/batch_events', body: '{"batch":[{"name":"é","channel":"a","data":"✓"}]}' },
    { method: 'GET', path: '/apps/3/channels/presence-a@b,c;d=e/users' },
    { method: 'GET', path: '/apps/3/channels', params: { filter_by_prefix: 'presence-', info: 'user_count,subscription_count', Zed: 'z' } },
    { method: 'POST', path: '/apps/3/users/10/terminate_connections', body: '{}' },
  ])('agrees with the SDK for $method $path', ({ method, path, body, params }) => {
    const expected = sdkQuery({ method, path, body, params });
    expect(signRestRequest({ method, path, body, query: params, key, secret, timestamp })).toEqual(expected);
  });

  it('omits body_md5 for an empty body, as the SDK does', () => {
    expect(signRestRequest({ method: 'POST', path: '/p', body: '', key, secret, timestamp }).body_md5).toBeUndefined();
  });

  it('refuses reserved parameters', () => {
    expect(() => signRestRequest({ method: 'GET', path: '/p', query: { auth_key: 'x' }, key, secret })).toThrow(
      'auth_key is a reserved parameter and cannot be overridden',
    );
  });

  it('defaults the timestamp to now', () => {
    const before = Math.floor(Date.now() / 1000);
    const stamped = Number(signRestRequest({ method: 'GET', path: '/p', key, secret }).auth_timestamp);
    expect(stamped).toBeGreaterThanOrEqual(before);
    expect(stamped).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });
});

describe('restStringToSign and restQueryString', () => {
  it('sorts by code unit, skips auth_signature and does not URL-encode', () => {
    expect(restStringToSign('post', '/apps/1/x', { b: '2', B: '1', a: 'x y&z', auth_signature: 's' })).toBe(
      'POST\n/apps/1/x\nB=1&a=x y&z&b=2',
    );
  });

  it('URL-encodes for the wire and puts auth_signature last', () => {
    expect(restQueryString({ z: '1', auth_signature: 'sig', a: 'x y&z' })).toBe('a=x%20y%26z&z=1&auth_signature=sig');
  });
});

describe('verifyRestRequest', () => {
  const signedPost = () => sdkQuery({ method: 'POST', path: '/apps/3/events', body: eventBody });

  it('accepts what the SDK signs', () => {
    expect(verify({ query: signedPost() })).toEqual({ ok: true, key });
    const getQuery = sdkQuery({ method: 'GET', path: '/apps/3/channels', params: { filter_by_prefix: 'presence-', info: 'user_count' } });
    expect(verify({ method: 'GET', path: '/apps/3/channels', rawBody: undefined, query: getQuery })).toEqual({ ok: true, key });
  });

  it('accepts paths with channel characters and percent-encoded paths', () => {
    const path = '/apps/3/channels/presence-a@b,c;d=e/users';
    const query = sdkQuery({ method: 'GET', path });
    expect(verify({ method: 'GET', path, rawBody: '', query })).toEqual({ ok: true, key });
    // A proxy may have percent-encoded what the SDK signed unencoded.
    expect(verify({ method: 'GET', path: '/apps/3/channels/presence-a%40b%2Cc%3Bd%3De/users', rawBody: '', query })).toEqual({
      ok: true,
      key,
    });
  });

  it('lowercases query keys', () => {
    const query = signedPost();
    const shouted = Object.fromEntries(Object.entries(query).map(([k, v]) => [k.toUpperCase(), v]));
    expect(verify({ query: shouted })).toEqual({ ok: true, key });
  });

  it('accepts any of several secrets (rotation)', () => {
    expect(verify({ query: signedPost(), appKeyLookup: () => ['new-secret', secret] })).toEqual({ ok: true, key });
  });

  it('accepts timestamps within the window on both sides', () => {
    const query = signedPost();
    expect(verify({ query, now: (timestamp + 599) * 1000 })).toEqual({ ok: true, key });
    expect(verify({ query, now: (timestamp - 599) * 1000 })).toEqual({ ok: true, key });
    expect(verify({ query, now: (timestamp + 100) * 1000, windowSeconds: 101 })).toEqual({ ok: true, key });
  });

  it('names the missing auth parameters', () => {
    const { auth_signature: _signature, auth_timestamp: _timestamp, ...rest } = signedPost();
    expect(verify({ query: rest })).toEqual({
      ok: false,
      status: 401,
      message: 'Missing authentication parameter(s): auth_timestamp, auth_signature',
    });
    expect(failure(verify({ query: {} }))).toBe(
      '401 Missing authentication parameter(s): auth_key, auth_timestamp, auth_version, auth_signature',
    );
  });

  it('rejects an unknown key', () => {
    expect(verify({ query: signedPost(), appKeyLookup: () => undefined })).toEqual({
      ok: false,
      status: 401,
      message: `Unknown auth_key "${key}" for this app`,
    });
    expect(verify({ query: signedPost(), appKeyLookup: () => [] })).toMatchObject({ ok: false, status: 401 });
  });

  it('rejects other auth versions', () => {
    expect(verify({ query: { ...signedPost(), auth_version: '2.0' } })).toEqual({
      ok: false,
      status: 401,
      message: 'Unsupported auth_version "2.0": only 1.0 is supported',
    });
  });

  it('rejects timestamps 600 s or more away, saying the server time', () => {
    const query = signedPost();
    expect(verify({ query, now: (timestamp + 600) * 1000 })).toEqual({
      ok: false,
      status: 401,
      message: `Timestamp expired: Given timestamp (${timestamp}) not within 600s of server time (${timestamp + 600})`,
    });
    expect(verify({ query, now: (timestamp - 600) * 1000 })).toMatchObject({ ok: false, status: 401 });
    expect(failure(verify({ query: { ...query, auth_timestamp: 'soon' } }))).toContain('401 Timestamp expired: Given timestamp (soon)');
    expect(verify({ query: { ...query, auth_timestamp: '1e9' } })).toMatchObject({ ok: false, status: 401 });
  });

  it('rejects a body that does not match body_md5', () => {
    const query = signedPost();
    expect(verify({ query, rawBody: `${eventBody} ` })).toEqual({
      ok: false,
      status: 401,
      message: `body_md5 mismatch: the body received has MD5 8c604c0dd00c1224de36e41b5ae65836, but body_md5 is ec365a775a4cd0599faeb73354201b6f`,
    });
  });

  it('requires body_md5 when there is a body', () => {
    const query = sdkQuery({ method: 'POST', path: '/apps/3/events' });
    expect(verify({ query })).toEqual({ ok: false, status: 401, message: 'Missing body_md5: requests with a body must sign its MD5' });
  });

  it('rejects a body_md5 given without a body', () => {
    expect(failure(verify({ query: signedPost(), rawBody: undefined }))).toBe(
      '401 body_md5 mismatch: the body received has MD5 d41d8cd98f00b204e9800998ecf8427e, but body_md5 is ec365a775a4cd0599faeb73354201b6f',
    );
  });

  it('rejects a bad signature with the expected string to sign', () => {
    const query = { ...signedPost(), auth_signature: 'f'.repeat(64) };
    const result = verify({ query });
    expect(result).toEqual({
      ok: false,
      status: 401,
      message:
        'Invalid signature: you should have sent HmacSHA256Hex("POST\\n/apps/3/events\\nauth_key=278d425bdf160c739803&auth_timestamp=1353088179&auth_version=1.0&body_md5=ec365a775a4cd0599faeb73354201b6f", your_secret_key), but you sent "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"',
    });
  });

  it('rejects a signature over another method, path, parameter or secret', () => {
    const query = signedPost();
    expect(verify({ query, method: 'PUT' })).toMatchObject({ ok: false, status: 401 });
    expect(verify({ query, path: '/apps/4/events' })).toMatchObject({ ok: false, status: 401 });
    expect(verify({ query: { ...query, extra: '1' } })).toMatchObject({ ok: false, status: 401 });
    expect(verify({ query, appKeyLookup: () => 'another-secret' })).toMatchObject({ ok: false, status: 401 });
  });

  it('answers 400 for a repeated parameter', () => {
    expect(verify({ query: { ...signedPost(), info: ['a', 'b'] } })).toEqual({
      ok: false,
      status: 400,
      message: 'Query parameter "info" is given more than once',
    });
    expect(verify({ query: { ...signedPost(), Auth_Key: key } })).toEqual({
      ok: false,
      status: 400,
      message: 'Query parameter "auth_key" is given more than once',
    });
  });

  it('answers 400 for a nested query value', () => {
    const query = { ...signedPost(), filter: { a: 'b' } } as unknown as VerifyRestRequestInput['query'];
    expect(failure(verify({ query }))).toBe('400 Query parameter "filter" must be a plain value');
  });

  it('hashes a raw body given as bytes, even when they are not valid UTF-8', () => {
    const bytes = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    const unsigned = { auth_key: key, auth_timestamp: String(timestamp), auth_version: '1.0', body_md5: md5Hex(bytes) };
    const query = { ...unsigned, auth_signature: hmacSha256Hex(secret, restStringToSign('POST', '/apps/3/events', unsigned)) };
    expect(verify({ query, rawBody: bytes })).toEqual({ ok: true, key });
    // Decoding the bytes as text first would replace them and change the MD5.
    expect(failure(verify({ query, rawBody: bytes.toString('utf8') }))).toContain('401 body_md5 mismatch');
    expect(verify({ query: signedPost(), rawBody: Buffer.from(eventBody, 'utf8') })).toEqual({ ok: true, key });
  });

  it('never throws on a malformed path', () => {
    const path = '/apps/3/channels/%E0%A4%A';
    const query = signRestRequest({ method: 'GET', path, key, secret, timestamp });
    expect(verify({ method: 'GET', path, rawBody: '', query })).toEqual({ ok: true, key });
  });
});
