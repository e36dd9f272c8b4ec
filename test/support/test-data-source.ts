import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/database';
import { createTestDatabase } from './test-database';

/** A TypeORM connection to a fresh test database (see `createTestDatabase`). */
export interface TestDataSource {
  dataSource: DataSource;
  /** Closes the connection, then drops the database. */
  close(): Promise<void>;
}

/** Opens a DataSource with every entity, `poolSize` connections (default 2), on a database of its own. */
export async function createTestDataSource(poolSize = 2): Promise<TestDataSource> {
  const database = await createTestDatabase();
  try {
    const dataSource = await new DataSource(dataSourceOptions(database.url, { poolSize })).initialize();
    return {
      dataSource,
      async close() {
        await dataSource.destroy();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}
