import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@app/config';
import { deliverMessageJobData } from '@app/contracts';
import { MessagesRepository } from '../messages.repository';
import { MessageQueue } from './message-queue';

/** Messages examined per sweep, so one sweep stays short however large a backlog is. */
const BATCH = 200;

/**
 * Repairs "stored but not queued": every interval, messages still `queued` after the grace period
 * whose job is missing or finished (the enqueue failed after the insert or after a retry, or Redis
 * lost data) get their job added again. Jobs are keyed by message id, so several api instances
 * sweeping at once add each job once.
 */
@Injectable()
export class MessageRequeueSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('MessageRequeueSweeper');
  private readonly afterSeconds: number;
  private readonly intervalMs: number;
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  /** Id of the last message examined when the previous sweep stopped at its batch size. */
  private cursor?: string;

  constructor(
    private readonly messages: MessagesRepository,
    private readonly queue: MessageQueue,
    config: ConfigService<AppConfig, true>,
  ) {
    const settings = config.getOrThrow('api', { infer: true }).messages;
    this.afterSeconds = settings.requeueAfterSeconds;
    this.intervalMs = settings.requeueIntervalSeconds * 1000;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Runs one sweep; resolves to the number of jobs added. */
  async sweep(): Promise<number> {
    if (!this.queue.isAvailable()) return 0;
    let added = 0;
    const page = await this.messages.staleQueued(this.afterSeconds, BATCH, this.cursor);
    // A backlog of queued messages that do have jobs (workers down) must not hide newer ones that do
    // not: each sweep continues where the last stopped, and starts over after the last page.
    this.cursor = page.length === BATCH ? page[page.length - 1].id : undefined;
    for (const message of page) {
      if (await this.queue.isPending(message.id)) continue;
      // Read again after the job: a worker records the outcome before finishing the job, so a
      // message delivered meanwhile shows here and is not sent twice.
      const current = await this.messages.find(message.id);
      if (current?.status !== 'queued') continue;
      await this.queue.requeue(deliverMessageJobData(current));
      added++;
    }
    if (added > 0) this.log.warn(`queued ${added} stored message(s) that had no job`);
    return added;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.sweep();
    try {
      await this.running;
    } catch (error) {
      this.log.warn(`requeue sweep failed: ${(error as Error).message}`);
    } finally {
      this.running = undefined;
    }
  }
}
