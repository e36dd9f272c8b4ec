import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createTestDataSource, type TestDataSource } from '../../../../test/support';
import { PostgresMessageStatusRepository } from './postgres-message-status.repository';

interface Row {
  status: string;
  attempts: number;
  last_error: string | null;
  delivered_at: Date | null;
}

describe('PostgresMessageStatusRepository', () => {
  let database: TestDataSource;
  let dataSource: DataSource;
  let repository: PostgresMessageStatusRepository;

  beforeAll(async () => {
    database = await createTestDataSource(4);
    ({ dataSource } = database);
    repository = new PostgresMessageStatusRepository(dataSource);
  });

  afterAll(async () => {
    await database.close();
  });

  async function insert(status = 'queued'): Promise<string> {
    const id = randomUUID();
    await dataSource.query(`INSERT INTO messages (id, app_id, channels, event, data, status) VALUES ($1, 'app-id', '{c}', 'e', '{}', $2)`, [
      id,
      status,
    ]);
    return id;
  }

  async function row(id: string): Promise<Row> {
    const rows: Row[] = await dataSource.query(`SELECT status, attempts, last_error, delivered_at FROM messages WHERE id = $1`, [id]);
    return rows[0];
  }

  it('marks many concurrent deliveries, each with its own attempt count', async () => {
    const ids = await Promise.all(Array.from({ length: 40 }, () => insert()));
    await Promise.all(ids.map((id, i) => repository.markDelivered(id, 1 + (i % 3))));
    const rows = await Promise.all(ids.map(row));
    expect(rows.map((r) => r.status)).toEqual(ids.map(() => 'delivered'));
    expect(rows.map((r) => r.attempts)).toEqual(ids.map((_, i) => 1 + (i % 3)));
    expect(rows.every((r) => r.delivered_at instanceof Date && r.last_error === null)).toBe(true);
  });

  it('records failed attempts of a queued message, keeping the highest count', async () => {
    const id = await insert();
    await repository.recordAttempt(id, 2, 'network error: ECONNREFUSED');
    await repository.recordAttempt(id, 1, 'late and stale');
    await expect(row(id)).resolves.toMatchObject({ status: 'queued', attempts: 2, last_error: 'late and stale' });
    await repository.markDelivered(id, 3);
    await expect(row(id)).resolves.toMatchObject({ status: 'delivered', attempts: 3, last_error: null });
  });

  it('never moves a delivered message back to failed or queued', async () => {
    const id = await insert();
    await repository.markDelivered(id, 1);
    await repository.markFailed(id, 2, 'HTTP 400: late');
    await repository.recordAttempt(id, 2, 'network error');
    await expect(row(id)).resolves.toMatchObject({ status: 'delivered', attempts: 1, last_error: null });
  });

  it('marks a failure with its reason', async () => {
    const id = await insert();
    await repository.markFailed(id, 1, 'HTTP 413: too big');
    await expect(row(id)).resolves.toMatchObject({ status: 'failed', attempts: 1, last_error: 'HTTP 413: too big' });
  });
});
