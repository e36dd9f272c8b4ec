import { randomBytes } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { Client } from 'pg';
import Pusher, { type Channel, type PresenceChannel } from 'pusher-js';
import { signChannelAuth, verifyChannelAuth, verifyUserAuth } from '@app/pusher-protocol';
import { localPusherOptions, localServerSdk, startPlatform, type RunningApp, type TestPlatform } from '../support';

jest.setTimeout(60_000);

const JWT_SECRET = 'pusher-auth-e2e-secret-0123456789';
const MASTER_KEY = randomBytes(32).toString('base64');
const jwt = new JwtService({ secret: JWT_SECRET });

type Claims = { sub: string; name?: string; info?: Record<string, unknown>; listen?: string[]; publish?: string[] };
const tokenFor = (claims: Claims, expiresIn = 300) => jwt.sign(claims, { expiresIn });
const ada: Claims = { sub: 'ada', name: 'Ada', info: { color: 'teal' }, listen: ['private-*', 'presence-room-*'], publish: [] };

async function sql(url: string, text: string, values: unknown[] = []): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text, values);
  } finally {
    await client.end();
  }
}

function waitFor<T>(register: (done: (value: T) => void, fail: (error: Error) => void) => void, what: string, ms = 10_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: timed out`)), ms);
    register(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

describe('api: channel authorization and sign-in for end users (pusher-js, realtime)', () => {
  let platform: TestPlatform;
  let realtime: RunningApp;
  let api: RunningApp;
  const clients: Pusher[] = [];

  /** A real pusher-js client authorizing through the api's endpoints with a bearer token. */
  async function connect(token: string): Promise<Pusher> {
    const headers = { Authorization: `Bearer ${token}` };
    const client = new Pusher(
      'app-key',
      localPusherOptions(realtime.port, {
        channelAuthorization: { endpoint: `${api.url}/pusher/auth`, transport: 'ajax', headers },
        userAuthentication: { endpoint: `${api.url}/pusher/user-auth`, transport: 'ajax', headers },
      }),
    );
    clients.push(client);
    await waitFor<void>((done) => client.connection.bind('connected', () => done()), 'pusher-js connect');
    return client;
  }

  function subscribe(client: Pusher, name: string): Promise<Channel> {
    return waitFor<Channel>((done, fail) => {
      const channel = client.subscribe(name);
      channel.bind('pusher:subscription_succeeded', () => done(channel));
      channel.bind('pusher:subscription_error', (error: unknown) => fail(new Error(`subscription_error ${JSON.stringify(error)}`)));
    }, `subscribe ${name}`);
  }

  function post(path: string, body: Record<string, string>, headers: Record<string, string> = {}, form = true): Promise<Response> {
    return fetch(`${api.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': form ? 'application/x-www-form-urlencoded' : 'application/json', ...headers },
      body: form ? new URLSearchParams(body).toString() : JSON.stringify(body),
    });
  }

  beforeAll(async () => {
    platform = await startPlatform();
    const { database } = platform;
    await sql(database.url, 'UPDATE apps SET encryption_master_key = $1 WHERE id = $2', [MASTER_KEY, 'app-id']);
    await sql(database.url, "INSERT INTO apps (id, key, secret, name) VALUES ('other-id', 'other-key', 'other-secret', 'Other')");
    await sql(database.url, "INSERT INTO apps (id, key, secret, name, enabled) VALUES ('off-id', 'off-key', 'off-secret', 'Off', false)");
    [realtime, api] = await Promise.all([
      platform.start('realtime'),
      platform.start('api', { AUTH_JWT_SECRET: JWT_SECRET, DEMO_MODE: 'true', API_THROTTLE_LIMIT: '0' }),
    ]);
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('authorizes a private channel that pusher-js then joins on our realtime server', async () => {
    const client = await connect(tokenFor(ada));
    const channel = await subscribe(client, 'private-notes');
    const got = waitFor<unknown>((done) => channel.bind('note', done), 'event on private channel');
    const sdk = localServerSdk(realtime.port);
    await sdk.trigger('private-notes', 'note', { text: 'hi' });
    await expect(got).resolves.toEqual({ text: 'hi' });
  });

  it('authorizes presence with the member taken from the token', async () => {
    const first = await connect(tokenFor(ada));
    const second = await connect(tokenFor({ sub: 'bob', listen: ['presence-room-*'] }));
    await subscribe(first, 'presence-room-1');
    const channel = (await subscribe(second, 'presence-room-1')) as PresenceChannel;
    const members: Record<string, unknown> = {};
    channel.members.each((member: { id: string; info: unknown }) => (members[member.id] = member.info));
    await expect(Promise.resolve(members)).resolves.toEqual({ ada: { color: 'teal', name: 'Ada' }, bob: null });
  });

  it('authorizes private-encrypted channels with a shared secret pusher-js decrypts with', async () => {
    const client = await connect(tokenFor(ada));
    const channel = await subscribe(client, 'private-encrypted-vault');
    const got = waitFor<unknown>((done) => channel.bind('secret', done), 'decrypted event');
    const sdk = localServerSdk(realtime.port, { encryptionMasterKeyBase64: MASTER_KEY });
    await sdk.trigger('private-encrypted-vault', 'secret', { code: 42 });
    await expect(got).resolves.toEqual({ code: 42 });
  });

  it('signs users in through /pusher/user-auth so events sent to the user arrive', async () => {
    const client = await connect(tokenFor(ada));
    const got = waitFor<unknown>((done) => client.user.bind('direct', done), 'event to user');
    client.signin();
    const signedIn = () => (client.user as unknown as { user_data: { id?: string } | null }).user_data;
    for (let i = 0; i < 100 && signedIn() === null; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(signedIn()).toMatchObject({ id: 'ada', user_info: { color: 'teal', name: 'Ada' } });
    await new Promise((resolve) => setTimeout(resolve, 300)); // the #server-to-user- subscription follows the sign-in
    const sdk = localServerSdk(realtime.port);
    await sdk.sendToUser('ada', 'direct', { hi: true });
    await expect(got).resolves.toEqual({ hi: true });
    const response = await post('/pusher/user-auth', { socket_id: '1.2' }, { Authorization: `Bearer ${tokenFor(ada)}` });
    const body = (await response.json()) as { auth: string; user_data: string };
    expect(JSON.parse(body.user_data)).toEqual({ id: 'ada', user_info: { color: 'teal', name: 'Ada' } });
    expect(verifyUserAuth({ key: 'app-key', secret: 'app-secret', socketId: '1.2', userData: body.user_data, auth: body.auth })).toBe(true);
  });

  it('refuses missing, expired and forged tokens with 401', async () => {
    const body = { socket_id: '1.2', channel_name: 'private-notes' };
    const missing = await post('/pusher/auth', body);
    expect(missing.status).toBe(401);
    const expired = await post('/pusher/auth', body, {
      Authorization: `Bearer ${jwt.sign({ ...ada, exp: Math.floor(Date.now() / 1000) - 10 })}`,
    });
    expect(expired.status).toBe(401);
    await expect(expired.json()).resolves.toMatchObject({ message: 'Token expired' });
    const forged = new JwtService({ secret: 'somebody-elses-secret-0123456789' }).sign(ada, { expiresIn: 60 });
    await expect(post('/pusher/auth', body, { Authorization: `Bearer ${forged}` }).then((r) => r.status)).resolves.toBe(401);
    const client = await connect(jwt.sign({ ...ada, exp: Math.floor(Date.now() / 1000) - 10 }));
    await expect(subscribe(client, 'private-notes')).rejects.toThrow(/subscription_error/);
  });

  it("refuses channels outside the token's listen patterns with 403 and the reason", async () => {
    const response = await post(
      '/pusher/auth',
      { socket_id: '1.2', channel_name: 'presence-lobby' },
      { Authorization: `Bearer ${tokenFor(ada)}` },
    );
    expect(response.status).toBe(403);
    await expect(response.json()).resolves.toMatchObject({
      message: 'Channel "presence-lobby" is not among the channels this token may listen to',
    });
    const client = await connect(tokenFor({ sub: 'eve', listen: ['presence-room-*'] }));
    await expect(subscribe(client, 'private-notes')).rejects.toThrow(/subscription_error/);
  });

  it('validates socket ids and channel names, and accepts JSON bodies', async () => {
    const auth = { Authorization: `Bearer ${tokenFor(ada)}` };
    await expect(post('/pusher/auth', { socket_id: 'abc', channel_name: 'private-x' }, auth).then((r) => r.status)).resolves.toBe(400);
    await expect(post('/pusher/auth', { socket_id: '1.2', channel_name: 'private-x y' }, auth).then((r) => r.status)).resolves.toBe(400);
    await expect(post('/pusher/auth', { socket_id: '1.2', channel_name: 'public-news' }, auth).then((r) => r.status)).resolves.toBe(400);
    const json = await post('/pusher/auth', { socket_id: '1.2', channel_name: 'private-x' }, auth, false);
    expect(json.status).toBe(200);
    const { auth: signature } = (await json.json()) as { auth: string };
    expect(signature).toBe(signChannelAuth({ key: 'app-key', secret: 'app-secret', socketId: '1.2', channel: 'private-x' }));
  });

  it('signs for the app named by X-Pusher-App-Key or app_key, and refuses unknown or disabled apps', async () => {
    const auth = { Authorization: `Bearer ${tokenFor(ada)}` };
    const byHeader = await post(
      '/pusher/auth',
      { socket_id: '1.2', channel_name: 'private-x' },
      { ...auth, 'X-Pusher-App-Key': 'other-key' },
    );
    const { auth: signature } = (await byHeader.json()) as { auth: string };
    expect(verifyChannelAuth({ key: 'other-key', secret: 'other-secret', socketId: '1.2', channel: 'private-x', auth: signature })).toBe(
      true,
    );
    const byParam = await post('/pusher/auth', { socket_id: '1.2', channel_name: 'private-x', app_key: 'other-key' }, auth);
    await expect(byParam.json()).resolves.toEqual({ auth: signature });
    await expect(
      post('/pusher/auth', { socket_id: '1.2', channel_name: 'private-x', app_key: 'nope' }, auth).then((r) => r.status),
    ).resolves.toBe(404);
    await expect(
      post('/pusher/auth', { socket_id: '1.2', channel_name: 'private-x', app_key: 'off-key' }, auth).then((r) => r.status),
    ).resolves.toBe(403);
    const encrypted = await post('/pusher/auth', { socket_id: '1.2', channel_name: 'private-encrypted-x', app_key: 'other-key' }, auth);
    expect(encrypted.status).toBe(403);
  });

  it('mints demo tokens in demo mode, good for the demo channels only', async () => {
    const response = await post('/demo/token', { name: 'Grace' }, {}, false);
    expect(response.status).toBe(201);
    const demo = (await response.json()) as { token: string; userId: string; name: string };
    expect(demo.name).toBe('Grace');
    const client = await connect(demo.token);
    const channel = (await subscribe(client, 'presence-room-demo')) as PresenceChannel;
    expect(channel.members.me).toMatchObject({ id: demo.userId, info: { name: 'Grace' } });
    await expect(
      post('/pusher/auth', { socket_id: '1.2', channel_name: 'private-notes' }, { Authorization: `Bearer ${demo.token}` }).then(
        (r) => r.status,
      ),
    ).resolves.toBe(403);
  });

  it('has no demo endpoint when demo mode is off', async () => {
    const plain = await platform.start('api', { AUTH_JWT_SECRET: JWT_SECRET });
    try {
      const response = await fetch(`${plain.url}/demo/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"name":"x"}',
      });
      expect(response.status).toBe(404);
    } finally {
      await plain.stop();
    }
  });
});
