import { randomUUID } from 'node:crypto';
import ServerSdk from 'pusher';
import { restQueryString, signRestRequest } from '@app/pusher-protocol';
import { localServerSdk, RunningApp, startPlatform, TEST_APP, TestPlatform } from '../support';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
}

interface SignedCall {
  method?: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: string;
  secret?: string;
  timestamp?: number;
  /** Changes the signed parameters before they are sent. */
  tamper?: (params: Record<string, string>) => void;
}

/** `pusher.post` JSON-encodes `body` itself (lib/requests.js), although its typings declare a string. */
const sdkBody = (body: Record<string, unknown>): string => body as unknown as string;

describe('api: Pusher-signed requests', () => {
  let platform: TestPlatform;
  let api: RunningApp;

  /** Sends a request signed with libs/pusher-protocol's signer, exactly as the pusher SDK signs. */
  const signed = ({ method = 'POST', path, query, body, secret = TEST_APP.secret, timestamp, tamper }: SignedCall) => {
    const params = signRestRequest({ method, path, query, body, key: TEST_APP.key, secret, timestamp });
    tamper?.(params);
    return fetch(`${api.url}${path}?${restQueryString(params)}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body,
    });
  };
  const message = (channel = `signed-${randomUUID()}`) => JSON.stringify({ channel, event: 'greeting', data: { text: 'hello' } });
  const errorOf = async (response: Response) => ({ status: response.status, ...((await response.json()) as ErrorBody) });

  beforeAll(async () => {
    platform = await startPlatform({ api: {} });
    ({ api } = platform.apps);
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
  }, 60_000);

  it('publishes with a signed POST /messages, then reads the status, history and retry with signed requests', async () => {
    const channel = `signed-${randomUUID()}`;
    const published = await signed({ path: '/messages', body: message(channel) });
    expect(published.status).toBe(202);
    const { id } = (await published.json()) as { id: string };

    const status = await signed({ method: 'GET', path: `/messages/${id}` });
    expect(status.status).toBe(200);
    await expect(status.json()).resolves.toMatchObject({ id, channels: [channel], event: 'greeting' });

    const history = await signed({ method: 'GET', path: `/channels/${channel}/messages`, query: { limit: '10' } });
    expect(history.status).toBe(200);
    await expect(history.json()).resolves.toMatchObject({ messages: [{ id }] });

    // Authenticated, so the retry reaches the message, which is not failed.
    const retry = await signed({ path: `/messages/${id}/retry` });
    expect(retry.status).toBe(409);
  });

  it('serves the pusher SDK unchanged: pusher.post({ path: "/messages", body }) publishes through /apps/{appId}/messages', async () => {
    const sdk = localServerSdk(api.port);
    const channel = `sdk-${randomUUID()}`;
    const response = await sdk.post({ path: '/messages', body: sdkBody({ channel, event: 'greeting', data: { text: 'from the sdk' } }) });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    expect(response.headers.get('location')).toBe(`/messages/${id}`);
    const status = await signed({ method: 'GET', path: `/messages/${id}` });
    await expect(status.json()).resolves.toMatchObject({ id, channels: [channel], data: '{"text":"from the sdk"}' });
  });

  it('refuses the pusher SDK with a wrong secret, or for another app, with 401', async () => {
    const body = sdkBody({ channel: 'c', event: 'e', data: 'x' });
    const wrongSecret = new ServerSdk({
      appId: TEST_APP.id,
      key: TEST_APP.key,
      secret: 'not-the-secret',
      host: '127.0.0.1',
      port: String(api.port),
    });
    await expect(wrongSecret.post({ path: '/messages', body })).rejects.toMatchObject({ status: 401 });
    const otherApp = new ServerSdk({
      appId: 'other-app',
      key: TEST_APP.key,
      secret: TEST_APP.secret,
      host: '127.0.0.1',
      port: String(api.port),
    });
    const error = (await otherApp.post({ path: '/messages', body }).catch((caught: unknown) => caught)) as { status: number; body: string };
    expect(error.status).toBe(401);
    expect(error.body).toContain('Unknown auth_key');
  });

  it('answers 401 with the reason for a bad signature, a stale timestamp or a wrong body_md5', async () => {
    const badSignature = await errorOf(await signed({ path: '/messages', body: message(), secret: 'wrong-secret' }));
    expect(badSignature).toMatchObject({ status: 401, error: 'unauthenticated' });
    expect(badSignature.message).toMatch(/^Invalid signature: you should have sent HmacSHA256Hex\("POST\\n\/messages\\nauth_key=app-key/);

    const stale = await errorOf(await signed({ path: '/messages', body: message(), timestamp: Math.floor(Date.now() / 1000) - 3600 }));
    expect(stale).toMatchObject({ status: 401, error: 'unauthenticated' });
    expect(stale.message).toContain('Timestamp expired');

    const wrongMd5 = await errorOf(
      await signed({ path: '/messages', body: message(), tamper: (params) => (params.body_md5 = '0'.repeat(32)) }),
    );
    expect(wrongMd5).toMatchObject({ status: 401, error: 'unauthenticated' });
    expect(wrongMd5.message).toContain('body_md5 mismatch');
  });

  it('answers 401 for a signature over another body, a missing parameter or an unsupported auth_version', async () => {
    // Signed for one body, sent with another: the MD5 no longer matches.
    const params = signRestRequest({ method: 'POST', path: '/messages', body: message(), key: TEST_APP.key, secret: TEST_APP.secret });
    const swapped = await fetch(`${api.url}/messages?${restQueryString(params)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: message(),
    });
    await expect(errorOf(swapped)).resolves.toMatchObject({
      status: 401,
      message: expect.stringContaining('body_md5 mismatch') as unknown,
    });

    const missing = await errorOf(
      await signed({ method: 'GET', path: `/messages/${randomUUID()}`, tamper: (p) => delete p.auth_timestamp }),
    );
    expect(missing).toMatchObject({ status: 401, message: 'Missing authentication parameter(s): auth_timestamp' });

    const version = await errorOf(
      await signed({ method: 'GET', path: `/messages/${randomUUID()}`, tamper: (p) => (p.auth_version = '2.0') }),
    );
    expect(version).toMatchObject({ status: 401 });
    expect(version.message).toContain('Unsupported auth_version');
  });

  it('mentions both ways to authenticate when a request carries no credentials', async () => {
    const response = await fetch(`${api.url}/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: message(),
    });
    const body = await errorOf(response);
    expect(body.status).toBe(401);
    expect(body.message).toContain('HTTP Basic');
    expect(body.message).toContain('auth_signature');
  });
});
