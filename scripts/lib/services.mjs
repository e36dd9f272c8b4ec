import { join } from 'node:path';
import { say } from './log.mjs';
import { checkPostgres, ensureDatabase, startPostgres } from './postgres.mjs';
import { checkRedis, startRedis } from './redis.mjs';

/**
 * Redis and PostgreSQL for the platform: the ones named by REDIS_URL / DATABASE_URL when set
 * (checked to answer), otherwise private servers with their data under `dataDir`.
 * @returns {Promise<{ redisUrl: string, databaseUrl: string, adminDatabaseUrl?: string, stop(): Promise<void> }>}
 */
export async function provisionServices({ dataDir, database = 'pusher_me', durable = true }) {
  const stops = [];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne().catch((error) => say('platform', `while stopping: ${error.message}`));
  };
  try {
    let redisUrl = process.env.REDIS_URL;
    if (redisUrl) {
      await checkRedis(redisUrl);
      say('redis', `using REDIS_URL`);
    } else {
      const redis = await startRedis({ dir: join(dataDir, 'redis'), durable });
      stops.push(() => redis.stop());
      redisUrl = redis.url;
      say('redis', `private redis-server at ${redisUrl} (pid ${redis.pid}, data in ${join(dataDir, 'redis')})`);
    }

    let databaseUrl = process.env.DATABASE_URL;
    let adminDatabaseUrl;
    if (databaseUrl) {
      await checkPostgres(databaseUrl);
      say('postgres', 'using DATABASE_URL');
    } else {
      const postgres = await startPostgres({ dir: join(dataDir, 'postgres'), durable });
      stops.push(() => postgres.stop());
      await ensureDatabase(postgres.adminUrl, database);
      databaseUrl = postgres.url(database);
      adminDatabaseUrl = postgres.adminUrl;
      say('postgres', `private PostgreSQL at ${databaseUrl} (pid ${postgres.pid}, data in ${join(dataDir, 'postgres')})`);
    }
    return { redisUrl, databaseUrl, adminDatabaseUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
