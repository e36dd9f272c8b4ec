import { AppName, RunningApp, startApp } from './start-app';
import { createTestDatabase, TestDatabase } from './test-database';
import { createTestRedis, TestRedis } from './test-redis';

/** The apps to start with their own variables, on top of the platform's (which they may override). */
export type PlatformApps = Partial<Record<AppName, Record<string, string>>>;

/** One test file's platform: its own database and Redis prefix, and the apps running on them. */
export interface TestPlatform<A extends PlatformApps = PlatformApps> {
  database: TestDatabase;
  redis: TestRedis;
  /** The apps asked of `startPlatform`, by name. */
  apps: { [K in keyof A & AppName]: RunningApp };
  /** DATABASE_URL, REDIS_URL and REDIS_KEY_PREFIX: what every app of the platform runs with. */
  env: Record<string, string>;
  /** Starts one more app on the platform, with `env` on top; `stop()` stops it too. */
  start(name: AppName, env?: Record<string, string>): Promise<RunningApp>;
  /** Stops every app started (gracefully), then deletes the Redis keys and drops the database. */
  stop(): Promise<void>;
}

/**
 * A fresh database and Redis prefix with `apps` started on them: realtime and api side by side, then
 * the worker, which triggers on that realtime node unless its own variables say otherwise. When an
 * app fails to start, what was started is stopped and removed before the error is thrown.
 */
export async function startPlatform<const A extends PlatformApps = Record<never, never>>(apps: A = {} as A): Promise<TestPlatform<A>> {
  const [database, redis] = await Promise.all([createTestDatabase(), createTestRedis()]);
  const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, REDIS_KEY_PREFIX: redis.prefix };
  const running: RunningApp[] = [];
  const started: Partial<Record<AppName, RunningApp>> = {};
  const platform: TestPlatform<A> = {
    database,
    redis,
    apps: started as TestPlatform<A>['apps'],
    env,
    async start(name, extra = {}) {
      const app = await startApp(name, { ...env, ...extra });
      running.push(app);
      return app;
    },
    async stop() {
      await Promise.all(running.map((app) => app.stop()));
      await Promise.all([redis.cleanup(), database.drop()]);
    },
  };
  const wanted: PlatformApps = apps;
  try {
    // Settled, not all: an app still starting when the other fails must be running (and stopped) before cleanup.
    const results = await Promise.allSettled(
      (['realtime', 'api'] as const).map(async (name) => {
        if (wanted[name]) started[name] = await platform.start(name, wanted[name]);
      }),
    );
    for (const result of results) if (result.status === 'rejected') throw result.reason;
    if (wanted.worker) {
      const target: Record<string, string> = started.realtime
        ? { PUSHER_HOST: '127.0.0.1', PUSHER_PORT: String(started.realtime.port) }
        : {};
      started.worker = await platform.start('worker', { ...target, ...wanted.worker });
    }
  } catch (error) {
    await platform.stop();
    throw error;
  }
  return platform;
}
