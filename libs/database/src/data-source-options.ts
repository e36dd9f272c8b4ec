import type { DataSourceOptions } from 'typeorm';
import { AppEntity } from './entities/app.entity';
import { MessageChannelEntity } from './entities/message-channel.entity';
import { MessageEntity } from './entities/message.entity';
import { InitialSchema1763760000000 } from './migrations/1763760000000-initial-schema';
import { MessageQueuedIndex1763800000000 } from './migrations/1763800000000-message-queued-index';

export const ENTITIES = [AppEntity, MessageEntity, MessageChannelEntity];
export const MIGRATIONS = [InitialSchema1763760000000, MessageQueuedIndex1763800000000];

/**
 * TypeORM options for Postgres. The schema only ever changes through migrations (never
 * `synchronize`); a pool of `poolSize` connections with a statement timeout keeps a stuck
 * database from pinning requests forever.
 */
export function dataSourceOptions(url: string, options: { poolSize?: number; applicationName?: string } = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    applicationName: options.applicationName ?? 'pusher-me',
    poolSize: options.poolSize ?? 10,
    extra: { connectionTimeoutMillis: 5000, statement_timeout: 15000 },
  };
}
