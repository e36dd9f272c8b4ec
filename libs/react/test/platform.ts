import { Client } from 'pg';
import Pusher from 'pusher';
import { createTestDatabase, createTestRedis, startApp, type RunningApp, type TestDatabase, type TestRedis } from '../../../test/support';

/**
 * The servers the React bindings talk to in tests: a realtime node (and an api when asked) over
 * this file's own database and Redis prefix, plus a `pusher` SDK client for server-side triggers.
 */
export class ReactTestPlatform {
  readonly apps: RunningApp[] = [];

  private constructor(
    readonly database: TestDatabase,
    readonly redis: TestRedis,
  ) {}

  static async create(): Promise<ReactTestPlatform> {
    const [database, redis] = await Promise.all([createTestDatabase(), createTestRedis()]);
    return new ReactTestPlatform(database, redis);
  }

  get env(): Record<string, string> {
    return { DATABASE_URL: this.database.url, REDIS_URL: this.redis.url, REDIS_KEY_PREFIX: this.redis.prefix };
  }

  async start(name: 'realtime' | 'api', extra: Record<string, string> = {}): Promise<RunningApp> {
    const app = await startApp(name, { ...this.env, ...extra });
    this.apps.push(app);
    return app;
  }

  /** Points the default app's webhooks somewhere (the api's receiver keeps the registry true). */
  async setWebhooks(urls: string[]): Promise<void> {
    const client = new Client({ connectionString: this.database.url });
    await client.connect();
    try {
      await client.query('UPDATE apps SET webhooks = $1 WHERE id = $2', [JSON.stringify(urls.map((url) => ({ url }))), 'app-id']);
    } finally {
      await client.end();
    }
  }

  /** The server SDK of the default app, pointed at a realtime node. */
  static sdk(realtime: RunningApp): Pusher {
    return new Pusher({
      appId: 'app-id',
      key: 'app-key',
      secret: 'app-secret',
      host: '127.0.0.1',
      port: String(realtime.port),
      useTLS: false,
    });
  }

  async teardown(): Promise<void> {
    await Promise.all(this.apps.map((app) => app.stop()));
    await this.redis.cleanup();
    await this.database.drop();
  }
}
