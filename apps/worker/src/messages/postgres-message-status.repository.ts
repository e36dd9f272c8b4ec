import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MessageStatusRepository } from './message-status.repository';

interface PendingMark {
  id: string;
  attempts: number;
  settle: (error?: Error) => void;
}

/** Most rows one UPDATE marks delivered. */
const MAX_ROWS_PER_UPDATE = 500;

/**
 * MessageStatusRepository over the `messages` table. Deliveries are marked in groups: marks that
 * arrive while an UPDATE is running go into the next one, so a deep queue costs one statement per
 * group instead of one per message, and a lone message waits for nothing.
 */
@Injectable()
export class PostgresMessageStatusRepository extends MessageStatusRepository {
  private queued: PendingMark[] = [];
  private flushing = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  markDelivered(id: string, attempts: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queued.push({ id, attempts, settle: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!this.flushing) void this.flush();
    });
  }

  async markFailed(id: string, attempts: number, lastError: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE messages SET status = 'failed', attempts = GREATEST(attempts, $2), last_error = $3 WHERE id = $1 AND status <> 'delivered'`,
      [id, attempts, lastError],
    );
  }

  async recordAttempt(id: string, attempts: number, lastError: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE messages SET attempts = GREATEST(attempts, $2), last_error = $3 WHERE id = $1 AND status = 'queued'`,
      [id, attempts, lastError],
    );
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queued.length > 0) {
        const group = this.queued.splice(0, MAX_ROWS_PER_UPDATE);
        try {
          await this.dataSource.query(
            `UPDATE messages AS m
                SET status = 'delivered', delivered_at = now(), attempts = GREATEST(m.attempts, v.attempts), last_error = NULL
               FROM unnest($1::uuid[], $2::int[]) AS v(id, attempts)
              WHERE m.id = v.id`,
            [group.map((mark) => mark.id), group.map((mark) => mark.attempts)],
          );
          for (const mark of group) mark.settle();
        } catch (error) {
          for (const mark of group) mark.settle(error instanceof Error ? error : new Error(String(error)));
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
