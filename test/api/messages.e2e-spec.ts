import { createHmac } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Client } from 'pg';
import { DeliverMessageJobData, JOBS, QUEUES } from '@app/contracts';
import { RedisKeys } from '@app/redis';
import { RunningApp, startPlatform, TEST_APP, TestPlatform, TestRedis } from '../support';

const APP_AUTH = `Basic ${Buffer.from(`${TEST_APP.key}:${TEST_APP.secret}`).toString('base64')}`;
const JWT_SECRET = 'end-user-jwt-secret-0123456789';

/** An HS256 end-user token as the customer's backend would issue it. */
function endUserToken(claims: Record<string, unknown>, secret = JWT_SECRET): string {
  const encode = (part: unknown) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ exp: Math.floor(Date.now() / 1000) + 600, ...claims })}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: { field: string; messages: string[] }[];
}

describe('api messages', () => {
  let platform: TestPlatform;
  let redis: TestRedis;
  let api: RunningApp;
  let queue: Queue<DeliverMessageJobData>;
  let db: Client;

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${api.url}/messages`, {
      method: 'POST',
      headers: { Authorization: APP_AUTH, 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const get = (path: string) => fetch(`${api.url}${path}`, { headers: { Authorization: APP_AUTH } });
  const fieldsOf = (body: ErrorBody) =>
    Object.fromEntries((body.details ?? []).map((detail) => [detail.field, detail.messages.join(' | ')]));

  beforeAll(async () => {
    platform = await startPlatform({
      api: { MESSAGE_REQUEUE_AFTER_SECONDS: '1', MESSAGE_REQUEUE_INTERVAL_SECONDS: '1', AUTH_JWT_SECRET: JWT_SECRET },
    });
    ({ api } = platform.apps);
    redis = platform.redis;
    queue = new Queue<DeliverMessageJobData>(QUEUES.messages, {
      connection: { url: redis.url },
      prefix: new RedisKeys(redis.prefix).queuePrefix,
    });
    db = new Client({ connectionString: platform.database.url });
    await db.connect();
  }, 60_000);

  afterAll(async () => {
    await queue?.close();
    await db?.end();
    await platform?.stop();
  }, 60_000);

  it('stores a message, queues its job under the message id and answers 202 {id, status}', async () => {
    const response = await post({
      channels: ['chat', 'presence-room', 'chat'],
      event: 'new-message',
      data: { text: 'héllo', n: [1, null] },
    });
    expect(response.status).toBe(202);
    const body = (await response.json()) as { id: string; status: string };
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body).toEqual({ id: body.id, status: 'queued' });
    expect(response.headers.get('location')).toBe(`/messages/${body.id}`);

    const { rows } = await db.query<{ status: string; data: string; channels: string[] }>(
      'SELECT status, data, channels FROM messages WHERE id = $1',
      [body.id],
    );
    expect(rows).toEqual([{ status: 'queued', data: '{"text":"héllo","n":[1,null]}', channels: ['chat', 'presence-room'] }]);
    const index = await db.query<{ channel: string }>('SELECT channel FROM message_channels WHERE message_id = $1 ORDER BY channel', [
      body.id,
    ]);
    expect(index.rows.map((row) => row.channel)).toEqual(['chat', 'presence-room']);

    const job = await queue.getJob(body.id);
    expect(job?.data).toEqual({
      messageId: body.id,
      appId: TEST_APP.id,
      channels: ['chat', 'presence-room'],
      event: 'new-message',
      data: '{"text":"héllo","n":[1,null]}',
      seq: job?.data.seq,
    });
    expect(job?.data.seq).toBeGreaterThan(0);
    expect(job?.opts.attempts).toBeGreaterThan(1);
    expect(job?.opts.backoff).toEqual(expect.objectContaining({ type: 'exponential' }));
  });

  it('keeps string data byte for byte and passes socket_id on', async () => {
    const data = '{"a" : 1,  "b":"\\u00e9"}';
    const response = await post({ channel: 'private-x', event: 'e', data, socket_id: '123.456' });
    const { id } = (await response.json()) as { id: string };
    const job = await queue.getJob(id);
    expect(job?.data).toEqual(expect.objectContaining({ data, socketId: '123.456', channels: ['private-x'] }));
  });

  it('accepts any JSON value as data, null included, JSON-encoding it once', async () => {
    for (const [data, stored] of [
      [null, 'null'],
      [0, '0'],
      [false, 'false'],
      [[1, 'a'], '[1,"a"]'],
      ['', ''],
    ] as const) {
      const response = await post({ channel: 'values', event: 'e', data });
      expect(response.status).toBe(202);
      const { id } = (await response.json()) as { id: string };
      const job = (await queue.getJob(id)) as { data: DeliverMessageJobData } | undefined;
      expect(job?.data.data).toBe(stored);
    }
  });

  it('answers 400 with a message per invalid field, and unknown fields are errors', async () => {
    const response = await post({
      channels: ['ok', 'bad channel'],
      channel: 'also',
      event: 'pusher:internal',
      socket_id: 'abc',
      extra: true,
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorBody;
    expect(body).toMatchObject({ statusCode: 400, error: 'validation_failed' });
    const fields = fieldsOf(body);
    expect(Object.keys(fields).sort()).toEqual(['channels', 'data', 'event', 'extra', 'socket_id']);
    expect(fields.channels).toContain('channels[1]');
    expect(fields.channels).toContain('not both');
    expect(fields.event).toContain('reserved');
    expect(fields.extra).toContain('should not exist');
  });

  it('requires a channel, bounds channels at 100 and event names at 200 characters', async () => {
    const none = (await (await post({ event: 'e', data: 'x' })).json()) as ErrorBody;
    expect(fieldsOf(none)).toEqual({ channel: 'give channel or channels' });
    const many = await post({ channels: Array.from({ length: 101 }, (_, i) => `c${i}`), event: 'x'.repeat(201), data: 'x' });
    expect(many.status).toBe(400);
    const fields = fieldsOf((await many.json()) as ErrorBody);
    expect(fields.channels).toContain('100');
    expect(fields.event).toContain('200');
  });

  it("answers 413 when data exceeds the app's max_event_bytes, counting UTF-8 bytes", async () => {
    const fits = await post({ channel: 'c', event: 'e', data: 'é'.repeat(5120) });
    expect(fits.status).toBe(202);
    const response = await post({ channel: 'c', event: 'e', data: 'é'.repeat(5121) });
    expect(response.status).toBe(413);
    await expect(response.json()).resolves.toMatchObject({ error: 'payload_too_large', details: [{ field: 'data' }] });
  });

  it('answers 400 for malformed JSON and 401 for missing or wrong credentials', async () => {
    const malformed = await post('{"channel":');
    expect(malformed.status).toBe(400);
    const anonymous = await fetch(`${api.url}/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Basic');
    const wrong = await post(
      { channel: 'c', event: 'e', data: 'x' },
      { Authorization: `Basic ${Buffer.from('app-key:nope').toString('base64')}` },
    );
    expect(wrong.status).toBe(401);
  });

  it("lets an end user publish to and read the default app's channels that the token's claims allow, and no others", async () => {
    const token = endUserToken({ sub: 'user-1', publish: ['chat-*'] });
    const allowed = await post({ channel: 'chat-lobby', event: 'typing', data: 'x' }, { Authorization: `Bearer ${token}` });
    expect(allowed.status).toBe(202);
    const { id } = (await allowed.json()) as { id: string };
    const job = (await queue.getJob(id)) as { data: DeliverMessageJobData } | undefined;
    expect(job?.data.appId).toBe(TEST_APP.id);

    const denied = await post({ channels: ['chat-lobby', 'admin-room'], event: 'typing', data: 'x' }, { Authorization: `Bearer ${token}` });
    expect(denied.status).toBe(403);
    await expect(denied.json()).resolves.toMatchObject({ error: 'forbidden', message: expect.stringContaining('admin-room') as unknown });

    const history = (path: string, bearer: string) => fetch(`${api.url}${path}`, { headers: { Authorization: `Bearer ${bearer}` } });
    const reader = endUserToken({ sub: 'user-2', listen: ['chat-*'] });
    const page = await history('/channels/chat-lobby/messages', reader);
    expect(page.status).toBe(200);
    await expect(page.json()).resolves.toMatchObject({ messages: [{ id, event: 'typing' }] });
    expect((await history('/channels/admin-room/messages', reader)).status).toBe(403);
    expect((await history('/channels/chat-lobby/messages', token)).status).toBe(403);

    const forged = await post(
      { channel: 'chat-lobby', event: 'e', data: 'x' },
      { Authorization: `Bearer ${endUserToken({ sub: 'u', publish: ['*'] }, 'not-the-secret-0123456')}` },
    );
    expect(forged.status).toBe(401);
  });

  it('returns the first message for a repeated Idempotency-Key and stores no second one', async () => {
    const message = { channel: 'orders', event: 'paid', data: { order: 7 } };
    const first = await post(message, { 'Idempotency-Key': 'order-7-paid' });
    const second = await post(message, { 'Idempotency-Key': 'order-7-paid' });
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    const [a, b] = (await Promise.all([first.json(), second.json()])) as { id: string }[];
    expect(b.id).toBe(a.id);
    const { rows } = await db.query("SELECT id FROM messages WHERE idempotency_key = 'order-7-paid'");
    expect(rows).toHaveLength(1);

    const concurrent = await Promise.all(Array.from({ length: 5 }, () => post(message, { 'Idempotency-Key': 'burst' })));
    const ids = await Promise.all(concurrent.map(async (response) => ((await response.json()) as { id: string }).id));
    expect(new Set(ids).size).toBe(1);

    const different = await post({ ...message, data: { order: 8 } }, { 'Idempotency-Key': 'order-7-paid' });
    expect(different.status).toBe(422);
  });

  it('reports a message with status, attempts, error and times', async () => {
    const { id } = (await (await post({ channel: 'status', event: 'e', data: 'x' })).json()) as { id: string };
    const response = await get(`/messages/${id}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { created_at: string };
    expect(body.created_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(body).toEqual({
      id,
      status: 'queued',
      channels: ['status'],
      event: 'e',
      data: 'x',
      socket_id: null,
      attempts: 0,
      error: null,
      created_at: body.created_at,
      delivered_at: null,
    });
    expect((await get('/messages/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await get('/messages/not-a-uuid')).status).toBe(400);
  });

  it("pages a channel's history newest first through the next_before cursor", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await post({ channels: ['history', `other-${i}`], event: 'e', data: String(i) });
      ids.push(((await response.json()) as { id: string }).id);
    }
    const seen: string[] = [];
    let before: string | null = null;
    for (let page = 0; page < 5; page++) {
      const query: string = before ? `?limit=2&before=${before}` : '?limit=2';
      const body = (await (await get(`/channels/history/messages${query}`)).json()) as {
        messages: { id: string }[];
        next_before: string | null;
      };
      seen.push(...body.messages.map((message) => message.id));
      before = body.next_before;
      if (!before) break;
    }
    expect(seen).toEqual([...ids].reverse());
    const byTime = (await (
      await get(`/channels/history/messages?before=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}&limit=1`)
    ).json()) as {
      messages: { id: string }[];
    };
    expect(byTime.messages.map((message) => message.id)).toEqual([ids[4]]);
    expect((await get('/channels/bad%20name/messages')).status).toBe(400);
  });

  it('moves a failed message back to queued and queues it again on retry', async () => {
    const { id } = (await (await post({ channel: 'retry', event: 'e', data: 'x' })).json()) as { id: string };
    const notFailed = await fetch(`${api.url}/messages/${id}/retry`, { method: 'POST', headers: { Authorization: APP_AUTH } });
    expect(notFailed.status).toBe(409);

    await (await queue.getJob(id))?.remove();
    await db.query("UPDATE messages SET status = 'failed', attempts = 8, last_error = 'boom' WHERE id = $1", [id]);
    const retried = await fetch(`${api.url}/messages/${id}/retry`, { method: 'POST', headers: { Authorization: APP_AUTH } });
    expect(retried.status).toBe(202);
    await expect(retried.json()).resolves.toEqual({ id, status: 'queued' });
    const { rows } = await db.query('SELECT status, last_error FROM messages WHERE id = $1', [id]);
    expect(rows).toEqual([{ status: 'queued', last_error: null }]);
    await expect(queue.getJobState(id)).resolves.toBe('waiting');
  });

  it('re-adds the job of a stored message that never got one (the requeue sweep)', async () => {
    const id = '11111111-1111-4111-8111-111111111111';
    await db.query(
      `INSERT INTO messages (id, app_id, channels, event, data, created_at) VALUES ($1, $2, ARRAY['swept'], 'e', 'x', now() - interval '1 minute')`,
      [id, TEST_APP.id],
    );
    await expect(queue.getJobState(id)).resolves.toBe('unknown');
    const deadline = Date.now() + 10_000;
    while ((await queue.getJobState(id)) === 'unknown' && Date.now() < deadline) await new Promise((done) => setTimeout(done, 200));
    const job = await queue.getJob(id);
    expect(job?.data).toEqual({ messageId: id, appId: TEST_APP.id, channels: ['swept'], event: 'e', data: 'x', seq: job?.data.seq });
    expect(job?.data.seq).toBeGreaterThan(0);
  }, 20_000);

  it('replaces the finished job of a message still queued (a retry whose enqueue failed)', async () => {
    const id = '22222222-2222-4222-8222-222222222222';
    await db.query(
      `INSERT INTO messages (id, app_id, channels, event, data, created_at) VALUES ($1, $2, ARRAY['refailed'], 'e', 'x', now() - interval '1 minute')`,
      [id, TEST_APP.id],
    );
    await queue.add(
      JOBS.deliverMessage,
      { messageId: id, appId: TEST_APP.id, channels: ['refailed'], event: 'e', data: 'x' },
      { jobId: id, attempts: 1 },
    );
    // A stand-in worker fails every job it takes, leaving ours failed in BullMQ while its row says queued.
    const failing = new Worker(QUEUES.messages, () => Promise.reject(new Error('boom')), {
      connection: { url: redis.url },
      prefix: new RedisKeys(redis.prefix).queuePrefix,
      concurrency: 20,
    });
    const deadline = Date.now() + 10_000;
    while ((await queue.getJobState(id)) !== 'failed' && Date.now() < deadline) await new Promise((done) => setTimeout(done, 50));
    await failing.close();
    while ((await queue.getJobState(id)) !== 'waiting' && Date.now() < deadline) await new Promise((done) => setTimeout(done, 100));
    await expect(queue.getJobState(id)).resolves.toBe('waiting');
    const job = await queue.getJob(id);
    expect(job?.attemptsMade).toBe(0);
  }, 20_000);
});
