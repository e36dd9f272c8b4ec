import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createTestDatabase, createTestRedis, RunningApp, startApp, TestDatabase, TestRedis } from '../support';

const APPS = ['realtime', 'api', 'worker'] as const;

describe('every app', () => {
  let database: TestDatabase;
  let redis: TestRedis;
  const running: RunningApp[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = await createTestRedis();
    for (const name of APPS) {
      running.push(await startApp(name, { DATABASE_URL: database.url, REDIS_KEY_PREFIX: redis.prefix }));
    }
  }, 90_000);

  afterAll(async () => {
    await Promise.all(running.map((app) => app.stop()));
    await redis?.cleanup();
    await database?.drop();
  }, 60_000);

  it.each(APPS)('%s answers /health/live and /health/ready with Redis and Postgres up', async (name) => {
    const app = running.find((candidate) => candidate.name === name)!;
    const live = await fetch(`${app.url}/health/live`);
    await expect(live.json()).resolves.toEqual({ status: 'ok' });
    const ready = await fetch(`${app.url}/health/ready`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { status: string; info: Record<string, { status: string }> };
    expect(body.status).toBe('ok');
    expect(body.info.redis.status).toBe('up');
    expect(body.info.database.status).toBe('up');
  });

  it.each(APPS)('%s serves Prometheus metrics labelled with its name', async (name) => {
    const app = running.find((candidate) => candidate.name === name)!;
    const response = await fetch(`${app.url}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain(`process_resident_memory_bytes{app="${name}"}`);
  });

  it('keeps a sane X-Request-Id from the caller and makes one otherwise', async () => {
    const api = running.find((app) => app.name === 'api')!;
    const given = await fetch(`${api.url}/health/live`, { headers: { 'X-Request-Id': 'req-123' } });
    expect(given.headers.get('x-request-id')).toBe('req-123');
    const made = await fetch(`${api.url}/health/live`, { headers: { 'X-Request-Id': 'bad id with spaces' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('drains and exits with code 0 on SIGTERM', async () => {
    const extra = await startApp('worker', { DATABASE_URL: database.url, REDIS_KEY_PREFIX: redis.prefix });
    await extra.stop();
    await expect(extra.exited).resolves.toEqual({ code: 0, signal: null });
  }, 30_000);
});

describe('configuration errors', () => {
  function runWithEnv(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
    return new Promise((done) => {
      const child = spawn(process.execPath, [resolve(__dirname, '../../dist/apps/api/src/main.js')], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        done({ code, output });
      });
    });
  }

  it('stops an app at once, naming each bad variable and the accepted form', async () => {
    const { code, output } = await runWithEnv({ PORT: 'abc', REDIS_URL: 'http://nope', API_PORT: '' });
    expect(code).toBe(1);
    expect(output).toContain('PORT="abc": must be a port number from 0 to 65535');
    expect(output).toContain('REDIS_URL="http://nope": must be a URL like redis://');
    expect(output).not.toContain('    at ');
  }, 20_000);
});
