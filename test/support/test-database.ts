import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrateAndSeed } from '@app/database';
import { requiredTestEnv } from './test-env';

export interface TestDatabase {
  /** Connection URL of a fresh, migrated database with the default app seeded. */
  url: string;
  drop(): Promise<void>;
}

/** The default app seeded into every test database (client events on). */
export const TEST_APP = { id: 'app-id', key: 'app-key', secret: 'app-secret' } as const;

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabase(requiredTestEnv('DATABASE_URL'), 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A database of its own for one test file: copied from the migrated template that `npm test`
 * prepares (PM_TEST_TEMPLATE_DB), or migrated from scratch when there is none.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `pm_test_${randomBytes(6).toString('hex')}`;
  const template = process.env.PM_TEST_TEMPLATE_DB;
  await admin((client) => client.query(template ? `CREATE DATABASE "${name}" TEMPLATE "${template}"` : `CREATE DATABASE "${name}"`));
  const url = withDatabase(requiredTestEnv('DATABASE_URL'), name);
  if (!template) {
    await migrateAndSeed(url, { ...TEST_APP, clientEventsEnabled: true, webhookUrls: [] });
  }
  return {
    url,
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
