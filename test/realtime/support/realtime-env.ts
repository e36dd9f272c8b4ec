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
