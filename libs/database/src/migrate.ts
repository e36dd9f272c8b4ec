import { DataSource } from 'typeorm';
import { AppEntity } from './entities/app.entity';
import { dataSourceOptions } from './data-source-options';

/** What the default app (from the environment) must look like in the `apps` table. */
export interface DefaultAppSeed {
  id: string;
  key: string;
  secret: string;
  clientEventsEnabled: boolean;
  webhookUrls: string[];
  encryptionMasterKey?: string;
}

/**
 * Runs pending migrations, then makes the default app's row match the environment (the
 * environment is its source of truth: changing PUSHER_APP_SECRET and restarting rotates it).
 * Returns the names of the migrations it applied.
 */
export async function migrateAndSeed(url: string, seed: DefaultAppSeed): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(url, { poolSize: 1, applicationName: 'pusher-me-migrate' }));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.getRepository(AppEntity).upsert(
      {
        id: seed.id,
        key: seed.key,
        secret: seed.secret,
        name: 'Default app',
        clientEventsEnabled: seed.clientEventsEnabled,
        webhooks: seed.webhookUrls.map((url) => ({ url })),
        encryptionMasterKey: seed.encryptionMasterKey ?? null,
      },
      ['id'],
    );
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
