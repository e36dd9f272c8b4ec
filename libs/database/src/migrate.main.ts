import 'reflect-metadata';
import { ConfigValidationError, loadAppConfig } from '@app/config';
import { migrateAndSeed } from './migrate';

/**
 * `node dist/libs/database/src/migrate.main.js`: applies pending migrations to DATABASE_URL and
 * seeds the default app from PUSHER_APP_*. Containers run it once before the apps start.
 */
async function main(): Promise<void> {
  const config = loadAppConfig();
  const applied = await migrateAndSeed(config.database.url, {
    id: config.defaultApp.id,
    key: config.defaultApp.key,
    secret: config.defaultApp.secret,
    clientEventsEnabled: config.defaultApp.clientEvents,
    webhookUrls: config.defaultApp.webhookUrls ?? [],
    encryptionMasterKey: config.defaultApp.encryptionMasterKey,
  });
  process.stdout.write(applied.length > 0 ? `applied migrations: ${applied.join(', ')}\n` : 'database schema is up to date\n');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `migration failed: ${error instanceof ConfigValidationError ? error.message : String((error as Error)?.stack ?? error)}\n`,
  );
  process.exit(1);
});
