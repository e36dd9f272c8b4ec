import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { deliverMessageJobData } from '@app/contracts';
import type { AppEntity, MessageEntity } from '@app/database';
import { DomainException } from '../common/domain.exception';
import { ErrorCode } from '../common/error-code';
import { isUnavailableError } from '../common/unavailable-error';
import type { PublishMessageDto } from './dto/publish-message.dto';
import { HistoryCursor, MessagesRepository, NewMessage } from './messages.repository';
import { MessageQueue } from './queue/message-queue';

/** Outcome of a publish: the stored message, and whether this request created it. */
export interface PublishResult {
  message: MessageEntity;
  created: boolean;
}

/**
 * Accepts messages for delivery: validates them against the app's limits, stores them (status
 * `queued`) and queues their job. A message is acknowledged only once it is both stored and queued;
 * a message stored but not queued is picked up by the requeue sweep or by an idempotent retry.
 */
@Injectable()
export class MessagesService {
  private readonly log = new Logger('MessagesService');

  constructor(
    private readonly messages: MessagesRepository,
    private readonly queue: MessageQueue,
  ) {}

  async publish(app: AppEntity, dto: PublishMessageDto, idempotencyKey?: string): Promise<PublishResult> {
    const channels = [...new Set(dto.channels ?? [dto.channel as string])];
    const data = typeof dto.data === 'string' ? dto.data : JSON.stringify(dto.data);
    const bytes = Buffer.byteLength(data, 'utf8');
    if (bytes > app.maxEventBytes) {
      throw new DomainException(ErrorCode.PayloadTooLarge, 'Event data too large', [
        { field: 'data', messages: [`data is ${bytes} bytes; this app allows ${app.maxEventBytes}`] },
      ]);
    }
    const incoming = {
      appId: app.id,
      channels,
      event: dto.event,
      data,
      socketId: dto.socket_id ?? null,
      idempotencyKey: idempotencyKey ?? null,
    };

    if (idempotencyKey !== undefined) {
      const earlier = await this.messages.findByIdempotencyKey(app.id, idempotencyKey);
      if (earlier) return { message: await this.replay(earlier, incoming), created: false };
    }
    // Refuse before storing while Redis is known to be down: the caller retries, nothing is left behind.
    if (!this.queue.isAvailable()) throw DomainException.unavailable('The message queue is unavailable; retry later');

    const message = await this.messages.insert({ id: randomUUID(), ...incoming });
    if (!message) {
      // A concurrent request with the same idempotency key won the insert.
      const winner = await this.messages.findByIdempotencyKey(app.id, idempotencyKey as string);
      if (!winner) throw new Error(`message insert for idempotency key ${String(idempotencyKey)} conflicted, but no message has it`);
      return { message: await this.replay(winner, incoming), created: false };
    }
    await this.enqueue(message);
    return { message, created: true };
  }

  /** A message of the app; 404 when it does not exist or belongs to another app. */
  async get(id: string, appId?: string): Promise<MessageEntity> {
    const message = await this.messages.find(id, appId);
    if (!message) throw DomainException.notFound(`Message ${id}`);
    return message;
  }

  async history(
    appId: string,
    channel: string,
    limit: number,
    cursor?: HistoryCursor,
  ): Promise<{ messages: MessageEntity[]; nextBefore: string | null }> {
    if (cursor && 'messageId' in cursor && !(await this.messages.find(cursor.messageId, appId))) {
      throw DomainException.validation('before', `before: message ${cursor.messageId} does not exist in this app`);
    }
    const messages = await this.messages.history(appId, channel, limit, cursor);
    return { messages, nextBefore: messages.length === limit ? messages[messages.length - 1].id : null };
  }

  /** Moves a failed message back to `queued` and queues it again; 409 unless it is failed. */
  async retry(id: string, appId?: string): Promise<MessageEntity> {
    if (!this.queue.isAvailable()) throw DomainException.unavailable('The message queue is unavailable; retry later');
    const message = await this.messages.requeueFailed(id, appId);
    if (!message) {
      const existing = await this.get(id, appId);
      throw new DomainException(ErrorCode.Conflict, `Message ${id} is ${existing.status}; only failed messages can be retried`);
    }
    // If this fails the message is queued without a job, which the requeue sweep repairs.
    await this.queue.requeue(deliverMessageJobData(message)).catch((error: unknown) => this.unavailable(error, message));
    return message;
  }

  /**
   * Answers a repeated request with the message the first one stored. The repeat must carry the same
   * message; it also re-adds the job if the first request stored the message but could not queue it.
   */
  private async replay(earlier: MessageEntity, incoming: Omit<NewMessage, 'id'>): Promise<MessageEntity> {
    const same =
      earlier.event === incoming.event &&
      earlier.data === incoming.data &&
      earlier.socketId === incoming.socketId &&
      earlier.channels.length === incoming.channels.length &&
      earlier.channels.every((channel, index) => channel === incoming.channels[index]);
    if (!same) {
      throw new DomainException(ErrorCode.IdempotencyKeyReused, 'This Idempotency-Key was already used for a different message');
    }
    if (earlier.status === 'queued') await this.enqueue(earlier);
    return earlier;
  }

  private async enqueue(message: MessageEntity): Promise<void> {
    await this.queue.add(deliverMessageJobData(message)).catch((error: unknown) => this.unavailable(error, message));
  }

  private unavailable(error: unknown, message: MessageEntity): never {
    this.log.warn(`message ${message.id} stored but not queued (the requeue sweep will queue it): ${(error as Error).message}`);
    if (error instanceof DomainException || isUnavailableError(error))
      throw DomainException.unavailable('The message was stored but could not be queued; retry later (with the same Idempotency-Key)');
    throw error;
  }
}
