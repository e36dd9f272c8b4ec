import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');
// Node 20 cannot require() ESM, and SWC turns import() into require(); this keeps a real import().
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- a constant string, not user input
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

interface Services {
  redisUrl: string;
  databaseUrl: string;
  adminDatabaseUrl?: string;
  stop(): Promise<void>;
}

/**
 * Redis and PostgreSQL for a bench: REDIS_URL / DATABASE_URL when both are set, else private servers
 * like `npm test` makes (under `.data/{name}`), whose URLs it sets so `test/support` finds them.
 * `stop()` stops what it started and nothing else.
 */
export async function provideBenchServices(name: string): Promise<{ stop(): Promise<void> }> {
  if (process.env.REDIS_URL && process.env.DATABASE_URL) return { stop: () => Promise.resolve() };
  const { provisionServices } = (await importEsm(join(ROOT, 'scripts/lib/services.mjs'))) as {
    provisionServices(options: { dataDir: string; durable: boolean }): Promise<Services>;
  };
  const services = await provisionServices({ dataDir: join(ROOT, '.data', name), durable: false });
  process.env.REDIS_URL = services.redisUrl;
  process.env.DATABASE_URL = services.adminDatabaseUrl ?? services.databaseUrl;
  return services;
}
