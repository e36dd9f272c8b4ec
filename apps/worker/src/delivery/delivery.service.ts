import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectQueue } from '@nestjs/bullmq';
import type { AppConfig, WorkerConfig } from '@app/config';
import { DeliverMessageJobData, QUEUES } from '@app/contracts';
import { Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import type Pusher from 'pusher';
import { MessageStatusRepository } from '../messages/message-status.repository';
import { PusherClientRegistry } from '../targets/pusher-client.registry';
import { RetryPolicy } from '../trigger/delivery-backoff';
import { AppUnavailableError, classifyDeliveryError, CredentialsLookupError, DeliveryFailure } from '../trigger/delivery-error';
import { LaneMessage, RetryingMessage, TriggerLane } from '../trigger/trigger-lane';
import { UUID, validateDeliverMessageJob } from './deliver-message-job';
import { DeliveryMetrics } from './delivery.metrics';
import { sdkPayload } from './sdk-payload';

/** Trigger body extras: the SDK spreads them into the request body. */
type TriggerExtras = Pusher.TriggerParams & { idempotency_key: string };
type BatchItem = Pusher.BatchEvent & { idempotency_key: string };

/**
 * Delivers `messages` jobs through the `pusher` SDK, one TriggerLane per app (so one app's order
 * and one app's outage never concern another's lane), and records each outcome in Postgres.
 *
 * Per job: resolves once the message is delivered and marked `delivered`; throws UnrecoverableError
 * once it is marked `failed` (refused, or out of attempts); throws Worker.RateLimitError when the
 * worker is stopping during an outage (the job goes back to the head of the queue, no attempt
 * spent); any other error (Postgres unavailable) is left to BullMQ's retry.
 *
 * A transient failure that concerns the whole target also rate-limits the queue for every worker
 * process for the backoff delay, so no process takes later messages that would overtake the held ones.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger(DeliveryService.name);
  private readonly lanes = new Map<string, TriggerLane>();
  private readonly jobs = new Map<string, Job<DeliverMessageJobData>>();
  private readonly settings: WorkerConfig;
  private draining = false;

  constructor(
    private readonly clients: PusherClientRegistry,
    private readonly statuses: MessageStatusRepository,
    private readonly metrics: DeliveryMetrics,
    @InjectQueue(QUEUES.messages) private readonly queue: Queue,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    this.settings = config.getOrThrow('worker', { infer: true });
  }

  async deliver(job: Job<DeliverMessageJobData>): Promise<void> {
    const problem = validateDeliverMessageJob(job.data);
    if (problem) return this.rejectInvalid(job, problem);
    const data = job.data;
    const lane = this.laneFor(data.appId);
    this.jobs.set(data.messageId, job);
    let outcome;
    try {
      outcome = await lane.submit({
        message: { id: data.messageId, channels: data.channels, event: data.event, data: data.data, socketId: data.socketId ?? undefined },
        attempts: attemptsSoFar(job),
        policy: this.policyOf(job),
        order: data.seq,
      });
    } finally {
      this.jobs.delete(data.messageId);
    }
    // No await may come before this throw: releases must reach BullMQ in the order the lane made them.
    if (outcome.status === 'released') throw Worker.RateLimitError();
    if (outcome.status === 'failed') {
      const reason = outcome.failure.kind === 'permanent' ? 'permanent' : 'exhausted';
      await this.statuses.markFailed(data.messageId, outcome.attempts, outcome.failure.message);
      this.metrics.failed.inc({ reason });
      this.logger.warn(`Message ${data.messageId} failed after ${String(outcome.attempts)} attempt(s): ${outcome.failure.message}`);
      throw new UnrecoverableError(outcome.failure.message);
    }
    await this.statuses.markDelivered(data.messageId, outcome.attempts);
    this.metrics.completed.inc();
  }

  /** Stops holding messages through outages: from now on they are sent once more, then released. */
  drain(): void {
    this.draining = true;
    for (const lane of this.lanes.values()) lane.drain();
  }

  /** Fails a job whose payload is unusable; its row is marked too when the job names a message. */
  private async rejectInvalid(job: Job, problem: string): Promise<never> {
    const messageId = (job.data as { messageId?: unknown } | null)?.messageId;
    if (typeof messageId === 'string' && UUID.test(messageId)) await this.statuses.markFailed(messageId, 1, `invalid job: ${problem}`);
    this.metrics.failed.inc({ reason: 'invalid' });
    this.logger.warn(`Job ${String(job.id)} is invalid: ${problem}`);
    throw new UnrecoverableError(`invalid job: ${problem}`);
  }

  private laneFor(appId: string): TriggerLane {
    let lane = this.lanes.get(appId);
    if (!lane) {
      lane = new TriggerLane(
        {
          send: (messages) => this.send(appId, messages),
          classify: classifyDeliveryError,
          onRetry: (failure, delayMs, messages) => this.onRetry(appId, failure, delayMs, messages),
        },
        { batchSize: this.settings.batch.size, lingerMs: this.settings.batch.lingerMs },
      );
      if (this.draining) lane.drain();
      this.lanes.set(appId, lane);
    }
    return lane;
  }

  private policyOf(job: Job): RetryPolicy {
    const backoff = job.opts.backoff;
    const baseDelayMs = typeof backoff === 'number' ? backoff : (backoff?.delay ?? this.settings.retry.defaultBackoffMs);
    return {
      maxAttempts: job.opts.attempts ?? this.settings.retry.defaultAttempts,
      baseDelayMs: Math.max(1, baseDelayMs),
      maxDelayMs: this.settings.retry.maxBackoffMs,
    };
  }

  private async send(appId: string, messages: LaneMessage[]): Promise<void> {
    let pusher: Pusher;
    try {
      pusher = await this.clients.forApp(appId);
    } catch (error) {
      throw error instanceof AppUnavailableError ? error : new CredentialsLookupError(appId, error);
    }
    const call = messages.length === 1 ? 'trigger' : 'batch';
    const stopTimer = this.metrics.triggerSeconds.startTimer({ call });
    try {
      const response =
        messages.length === 1
          ? await pusher.trigger(
              messages[0].channels,
              messages[0].event,
              sdkPayload(messages[0].channels, messages[0].data),
              triggerExtras(messages[0]),
            )
          : await pusher.triggerBatch(messages.map(batchItem));
      // Reading the body hands the keep-alive socket back to the agent.
      await response.text();
      stopTimer({ outcome: 'ok' });
      this.metrics.batchSize.observe(messages.length);
    } catch (error) {
      stopTimer({ outcome: 'error' });
      throw error;
    }
  }

  private onRetry(appId: string, failure: DeliveryFailure, delayMs: number, messages: RetryingMessage[]): void {
    this.metrics.retried.inc({ scope: failure.scope }, messages.length);
    this.logger.warn(`${String(messages.length)} message(s) of app ${appId} held for ${String(delayMs)} ms: ${failure.message}`);
    if (failure.staleCredentials) this.clients.invalidate(appId);
    if (failure.scope === 'target') {
      this.queue.rateLimit(delayMs).catch((error: Error) => this.logger.warn(`Cannot pause the queue: ${error.message}`));
    }
    for (const { message, attempts } of messages) {
      // Progress carries the attempt count across takes (a restart, a stalled job); the row shows it to users.
      this.jobs
        .get(message.id)
        ?.updateProgress({ attempts })
        .catch(() => undefined);
      this.statuses.recordAttempt(message.id, attempts, failure.message).catch(() => undefined);
    }
  }
}

/** Attempts recorded by earlier takes of the job (in its progress) or by BullMQ retries. */
function attemptsSoFar(job: Job): number {
  const progress = job.progress;
  const recorded =
    typeof progress === 'object' && progress !== null && typeof (progress as { attempts?: unknown }).attempts === 'number'
      ? (progress as { attempts: number }).attempts
      : 0;
  return Math.max(recorded, job.attemptsMade);
}

function triggerExtras(message: LaneMessage): TriggerExtras {
  return { idempotency_key: message.id, ...(message.socketId ? { socket_id: message.socketId } : {}) };
}

function batchItem(message: LaneMessage): BatchItem {
  return {
    channel: message.channels[0],
    name: message.event,
    data: sdkPayload(message.channels, message.data),
    idempotency_key: message.id,
    ...(message.socketId ? { socket_id: message.socketId } : {}),
  };
}
