import { Client } from 'pg';
import { createTestDatabase, createTestRedis, freePort, startApp, type RunningApp, type TestDatabase, type TestRedis } from '../../support';

export const ADMIN_TOKEN = 'web-e2e-admin-token-0123456789';
const JWT_SECRET = 'web-e2e-jwt-secret-0123456789abcdef';

/**
 * The whole platform for browser tests, over this file's own database and Redis prefix: realtime
 * (webhooks to the api, so the registry hears about disconnects), the api serving the built pages
 * in demo mode, and a worker delivering `POST /messages` through realtime.
 */
export class WebPlatform {
  private constructor(
    private readonly database: TestDatabase,
    private readonly redis: TestRedis,
    readonly realtime: RunningApp,
    readonly api: RunningApp,
    readonly worker: RunningApp,
  ) {}

  static async start(): Promise<WebPlatform> {
    const [database, redis] = await Promise.all([createTestDatabase(), createTestRedis()]);
    const shared = { DATABASE_URL: database.url, REDIS_URL: redis.url, REDIS_KEY_PREFIX: redis.prefix };
    const [apiPort, realtimePort] = await Promise.all([freePort(), freePort()]);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query('UPDATE apps SET webhooks = $1 WHERE id = $2', [
        JSON.stringify([{ url: `http://127.0.0.1:${apiPort}/pusher/webhooks` }]),
        'app-id',
      ]);
    } finally {
      await client.end();
    }
    const target = { PUSHER_HOST: '127.0.0.1', PUSHER_PORT: String(realtimePort) };
    const realtime = await startApp('realtime', { ...shared, REALTIME_PORT: String(realtimePort), REALTIME_WEBHOOK_BATCH_MS: '10' });
    const [api, worker] = await Promise.all([
      startApp('api', {
        ...shared,
        ...target,
        API_PORT: String(apiPort),
        DEMO_MODE: 'true',
        AUTH_JWT_SECRET: JWT_SECRET,
        ADMIN_TOKEN,
        API_THROTTLE_LIMIT: '0',
      }),
      startApp('worker', { ...shared, ...target }),
    ]);
    return new WebPlatform(database, redis, realtime, api, worker);
  }

  async stop(): Promise<void> {
    await Promise.all([this.api.stop(), this.worker.stop(), this.realtime.stop()]);
    await Promise.all([this.redis.cleanup(), this.database.drop()]);
  }
}
