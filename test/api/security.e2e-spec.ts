import { ChildProcess, spawn } from 'node:child_process';
import { createServer, connect, type Server, type Socket } from 'node:net';
import Redis from 'ioredis';
import { Client } from 'pg';
import { freePort, RunningApp, startPlatform, TEST_APP, TestPlatform } from '../support';

const APP_AUTH = `Basic ${Buffer.from(`${TEST_APP.key}:${TEST_APP.secret}`).toString('base64')}`;
const MESSAGE = JSON.stringify({ channel: 'c', event: 'e', data: 'x' });

function publish(api: RunningApp, headers: Record<string, string> = {}, body = MESSAGE): Promise<Response> {
  return fetch(`${api.url}/messages`, {
    method: 'POST',
    headers: { Authorization: APP_AUTH, 'Content-Type': 'application/json', ...headers },
    body,
  });
}

/** Publishes every 200 ms (at most 50 times) until the api accepts; resolves to the last status. */
async function publishUntilAccepted(api: RunningApp): Promise<number> {
  let status = 0;
  for (let attempt = 0; attempt < 50 && status !== 202; attempt++) {
    status = (await publish(api)).status;
    if (status !== 202) await new Promise((done) => setTimeout(done, 200));
  }
  return status;
}

/** A redis-server of this test's own, so the test may stop and restart it. */
class PrivateRedis {
  private process?: ChildProcess;
  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.restart();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async restart(): Promise<void> {
    this.process = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          await probe.connect();
          await probe.ping();
          return;
        } catch (error) {
          if (attempt > 50) throw error;
          await new Promise((done) => setTimeout(done, 100));
        }
      }
    } finally {
      probe.disconnect();
    }
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  }
}

/** A TCP relay to Postgres that the test can cut (connections reset, port closed) and restore. */
class CuttableProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  static async open(targetUrl: string): Promise<CuttableProxy> {
    const url = new URL(targetUrl);
    const proxy = new CuttableProxy(await freePort(), { host: url.hostname, port: Number(url.port || 5432) });
    await proxy.restore();
    return proxy;
  }

  /** The URL with the host and port replaced by the proxy's. */
  through(targetUrl: string): string {
    const url = new URL(targetUrl);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  restore(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    return new Promise((done) => this.server!.listen(this.port, '127.0.0.1', done));
  }

  async cut(): Promise<void> {
    const closed = new Promise((done) => this.server?.close(done));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}

describe('api security and failure behaviour', () => {
  let platform: TestPlatform;
  let api: RunningApp;

  beforeAll(async () => {
    platform = await startPlatform({ api: { CORS_ORIGINS: 'http://allowed.test', API_BODY_LIMIT_BYTES: '2048', ADMIN_TOKEN: '' } });
    ({ api } = platform.apps);
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
  }, 60_000);

  it('sends security headers', async () => {
    const response = await fetch(`${api.url}/health/live`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('allows cross-origin calls only from CORS_ORIGINS', async () => {
    const preflight = (origin: string) =>
      fetch(`${api.url}/messages`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization,content-type',
        },
      });
    const allowed = await preflight('http://allowed.test');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://allowed.test');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('Idempotency-Key');
    const other = await preflight('http://evil.test');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers 413 for a body over API_BODY_LIMIT_BYTES, in the error format', async () => {
    const response = await publish(api, {}, JSON.stringify({ channel: 'c', event: 'e', data: 'x'.repeat(4096) }));
    expect(response.status).toBe(413);
    await expect(response.json()).resolves.toMatchObject({ statusCode: 413, error: 'payload_too_large' });
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await fetch(`${api.url}/nowhere`);
    expect(response.status).toBe(404);
    await expect(response.json()).resolves.toMatchObject({ statusCode: 404, error: 'not_found' });
  });

  it('keeps the admin API off (403) when ADMIN_TOKEN is unset', async () => {
    const response = await fetch(`${api.url}/admin/apps`, { headers: { Authorization: 'Bearer anything-at-all-long' } });
    expect(response.status).toBe(403);
    await expect(response.json()).resolves.toMatchObject({
      error: 'forbidden',
      message: expect.stringContaining('ADMIN_TOKEN') as unknown,
    });
  });

  describe('rate limiting', () => {
    let limited: RunningApp;

    beforeAll(async () => {
      limited = await platform.start('api', {
        REDIS_KEY_PREFIX: `${platform.redis.prefix}rl:`,
        API_THROTTLE_LIMIT: '3',
        API_THROTTLE_TTL_MS: '60000',
      });
    }, 60_000);

    afterAll(async () => {
      await limited?.stop();
    }, 30_000);

    it('answers 429 with Retry-After past the per-client limit, never for health probes', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push(
          (await fetch(`${limited.url}/messages/00000000-0000-4000-8000-000000000000`, { headers: { Authorization: APP_AUTH } })).status,
        );
      expect(statuses).toEqual([404, 404, 404, 429]);
      const blocked = await publish(limited);
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      await expect(blocked.json()).resolves.toMatchObject({ statusCode: 429, error: 'rate_limited' });
      expect((await fetch(`${limited.url}/health/live`)).status).toBe(200);
    });
  });

  describe('when Postgres goes down', () => {
    let proxy: CuttableProxy;
    let exposed: RunningApp;

    beforeAll(async () => {
      proxy = await CuttableProxy.open(platform.database.url);
      exposed = await platform.start('api', {
        DATABASE_URL: proxy.through(platform.database.url),
        REDIS_KEY_PREFIX: `${platform.redis.prefix}pg:`,
      });
    }, 60_000);

    afterAll(async () => {
      await exposed?.stop();
      await proxy?.cut();
    }, 30_000);

    it('answers 503 with Retry-After (never 202 or 500), and recovers when Postgres is back', async () => {
      expect((await publish(exposed)).status).toBe(202);
      await proxy.cut();
      for (const response of [await publish(exposed), await publish(exposed)]) {
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toBe('5');
        await expect(response.json()).resolves.toMatchObject({ statusCode: 503, error: 'unavailable' });
      }
      await proxy.restore();
      await expect(publishUntilAccepted(exposed)).resolves.toBe(202);
    }, 30_000);
  });

  describe('when Redis goes down', () => {
    let privateRedis: PrivateRedis;
    let exposed: RunningApp;
    let db: Client;

    const countMessages = async () => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM messages')).rows[0].n);

    beforeAll(async () => {
      privateRedis = await PrivateRedis.start();
      exposed = await platform.start('api', { REDIS_URL: privateRedis.url, REDIS_KEY_PREFIX: 'outage:' });
      db = new Client({ connectionString: platform.database.url });
      await db.connect();
    }, 60_000);

    afterAll(async () => {
      await exposed?.stop();
      await privateRedis?.stop();
      await db?.end();
    }, 30_000);

    it('answers 503 with Retry-After and stores nothing, keeps serving reads, and recovers when Redis is back', async () => {
      const accepted = await publish(exposed);
      expect(accepted.status).toBe(202);
      const { id } = (await accepted.json()) as { id: string };

      await privateRedis.stop();
      // Publish once the api has noticed the outage: a request racing the connection's close can be
      // stored and then refused (503; the requeue sweep queues it), which is a different case.
      for (let attempt = 0; attempt < 100 && (await fetch(`${exposed.url}/health/ready`)).status !== 503; attempt++) {
        await new Promise((done) => setTimeout(done, 100));
      }
      const before = await countMessages();
      const refused = await publish(exposed);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('5');
      await expect(refused.json()).resolves.toMatchObject({ statusCode: 503, error: 'unavailable' });
      await expect(countMessages()).resolves.toBe(before);

      const read = await fetch(`${exposed.url}/messages/${id}`, { headers: { Authorization: APP_AUTH } });
      expect(read.status).toBe(200);

      await privateRedis.restart();
      await expect(publishUntilAccepted(exposed)).resolves.toBe(202);
    }, 30_000);
  });
});
