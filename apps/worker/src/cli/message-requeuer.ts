import { DeliverMessageJobData, deliverMessageJobData, DeliveryRetry, requeueDeliverMessageJob } from '@app/contracts';
import { requeueFailedMessage } from '@app/database';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';

/** What happened to one message asked to be requeued. */
export type RequeueResult = 'requeued' | 'not-found' | 'not-failed' | 'already-queued';

const PAGE = 500;

/**
 * Puts `failed` messages back in the `messages` queue, as the api's retry does. The row goes back to
 * `queued` first (so a fast delivery is never overwritten), then the finished job is replaced by a
 * fresh one with a full attempt budget (or added from the row when retention removed it), under the
 * same id (the message id), so a message never has two jobs.
 */
export class MessageRequeuer {
  constructor(
    private readonly queue: Queue<DeliverMessageJobData>,
    private readonly dataSource: DataSource,
    /** The api's attempts and backoff, which the job added again gets. */
    private readonly retry: DeliveryRetry,
  ) {}

  async requeue(id: string): Promise<RequeueResult> {
    const rows: { id: string; status: string }[] = await this.dataSource.query(`SELECT id, status FROM messages WHERE id::text = $1`, [id]);
    const row = rows[0];
    if (!row) return 'not-found';
    if (row.status !== 'failed') return 'not-failed';
    const state = await this.queue.getJobState(row.id);
    if (state !== 'failed' && state !== 'completed' && state !== 'unknown') return 'already-queued';
    const message = await requeueFailedMessage(this.dataSource, row.id);
    if (!message) return 'not-failed';
    await requeueDeliverMessageJob(this.queue, deliverMessageJobData(message), this.retry);
    return 'requeued';
  }

  /** Requeues every failed message (of one app, when given), oldest first; returns how many. */
  async requeueAllFailed(appId?: string): Promise<number> {
    let count = 0;
    let after = new Date(0);
    let afterId = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const page: { id: string; created_at: Date }[] = await this.dataSource.query(
        `SELECT id, created_at FROM messages
          WHERE status = 'failed' AND ($1::varchar IS NULL OR app_id = $1) AND (created_at, id) > ($2, $3)
          ORDER BY created_at, id LIMIT ${String(PAGE)}`,
        [appId ?? null, after, afterId],
      );
      for (const row of page) if ((await this.requeue(row.id)) === 'requeued') count += 1;
      if (page.length < PAGE) return count;
      after = page[page.length - 1].created_at;
      afterId = page[page.length - 1].id;
    }
  }
}
