import { Client } from 'pg';
import Pusher from 'pusher';
import { createTestDatabase, createTestRedis, startApp, type RunningApp, type TestDatabase, type TestRedis } from '../../support';

/** Fast timings for tests; each can be overridden per node. */
export const FAST_TIMINGS: Record<string, string> = {
  REALTIME_HEARTBEAT_INTERVAL_MS: '300',
  REALTIME_NODE_TIMEOUT_MS: '1500',
  REALTIME_SHUTDOWN_TIMEOUT_MS: '3000',
  REALTIME_WEBHOOK_BATCH_MS: '10',
};

/**
 * One test file's realtime cluster: its own database and Redis prefix, any number of nodes sharing
 * them, and a `pusher` SDK client per node. `teardown` stops every node and drops the state.
 */
export class RealtimeEnv {
  readonly nodes: RunningApp[] = [];

  private constructor(
    readonly database: TestDatabase,
    readonly redis: TestRedis,
  ) {}

  static async create(): Promise<RealtimeEnv> {
    const [database, redis] = await Promise.all([createTestDatabase(), createTestRedis()]);
    return new RealtimeEnv(database, redis);
  }

  get env(): Record<string, string> {
    return { DATABASE_URL: this.database.url, REDIS_URL: this.redis.url, REDIS_KEY_PREFIX: this.redis.prefix, ...FAST_TIMINGS };
  }

  /** Adds an app row (before the nodes start, or let the registry refresh pick it up). */
  async addApp(app: { id: string; key: string; secret?: string } & Record<string, string | number | boolean | null>): Promise<void> {
    const row: Record<string, unknown> = { secret: `${app.id}-secret`, name: app.id, ...app };
    const columns = Object.keys(row);
    const client = new Client({ connectionString: this.database.url });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO apps (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
        Object.values(row),
      );
    } finally {
      await client.end();
    }
  }

  async startNode(extra: Record<string, string> = {}): Promise<RunningApp> {
    const node = await startApp('realtime', { ...this.env, ...extra });
    this.nodes.push(node);
    return node;
  }

  /** A server SDK pointed at a node. */
  static sdk(node: RunningApp): Pusher {
    return new Pusher({ appId: 'app-id', key: 'app-key', secret: 'app-secret', host: '127.0.0.1', port: String(node.port), useTLS: false });
  }

  async teardown(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.stop()));
    await this.redis.cleanup();
    await this.database.drop();
  }
}
