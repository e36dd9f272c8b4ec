import { DeliverMessageJobData, JOBS } from '@app/contracts';
import type { JobsOptions, Queue } from 'bullmq';
import type { DataSource } from 'typeorm';

/** What happened to one message asked to be requeued. */
export type RequeueResult = 'requeued' | 'not-found' | 'not-failed' | 'already-queued';

interface MessageRow {
  id: string;
  app_id: string;
  channels: string[];
  event: string;
  data: string;
  socket_id: string | null;
  status: string;
}

const PAGE = 500;

/**
 * Puts `failed` messages back in the `messages` queue. The row goes back to `queued` first (so a
 * fast delivery is never overwritten), then the job kept in BullMQ's failed set is retried with a
 * fresh attempt budget; a job that retention already removed is added again from the row, under
 * the same id (the message id), so a message never has two jobs.
 */
export class MessageRequeuer {
  constructor(
    private readonly queue: Queue<DeliverMessageJobData>,
    private readonly dataSource: DataSource,
    /** Options of a job added again (when retention removed the failed one): the api's attempts and backoff. */
    private readonly jobOptions: JobsOptions,
  ) {}

  async requeue(id: string): Promise<RequeueResult> {
    const rows: MessageRow[] = await this.dataSource.query(
      `SELECT id, app_id, channels, event, data, socket_id, status FROM messages WHERE id::text = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) return 'not-found';
    if (row.status !== 'failed') return 'not-failed';
    const job = await this.queue.getJob(row.id);
    const state = job ? await job.getState() : undefined;
    if (job && state !== 'failed' && state !== 'completed' && state !== 'unknown') return 'already-queued';
    await this.dataSource.query(`UPDATE messages SET status = 'queued', last_error = NULL WHERE id = $1 AND status = 'failed'`, [row.id]);
    if (job && state === 'failed') {
      // The attempt count the worker keeps in the job's progress starts again with the retry.
      await job.updateProgress({ attempts: 0 });
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    } else {
      await job?.remove();
      await this.queue.add(JOBS.deliverMessage, toJobData(row), { ...this.jobOptions, jobId: row.id });
    }
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

function toJobData(row: MessageRow): DeliverMessageJobData {
  return {
    messageId: row.id,
    appId: row.app_id,
    channels: row.channels,
    event: row.event,
    data: row.data,
    ...(row.socket_id ? { socketId: row.socket_id } : {}),
  };
}
