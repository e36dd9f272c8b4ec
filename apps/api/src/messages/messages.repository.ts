import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { DeliverableMessage } from '@app/contracts';
import { MessageChannelEntity, MessageEntity, type MessageStatus, requeueFailedMessage } from '@app/database';

/** What `POST /messages` stores. */
export interface NewMessage extends DeliverableMessage {
  idempotencyKey: string | null;
}

/** Where a history page starts: before a message (exact, tie-safe) or before a time. */
export type HistoryCursor = { messageId: string } | { time: Date };

// One statement, so one transaction: the message and its per-channel index rows exist together or
// not at all. A second request with the same idempotency key inserts nothing and returns no row.
const INSERT_MESSAGE = `
  WITH m AS (
    INSERT INTO messages (id, app_id, channels, event, data, socket_id, idempotency_key)
    VALUES ($1, $2, $3::text[], $4, $5, $6, $7)
    ON CONFLICT (app_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
    RETURNING id, created_at
  ), c AS (
    INSERT INTO message_channels (app_id, channel, created_at, message_id)
    SELECT $2, channel, m.created_at, m.id FROM m, unnest($3::text[]) AS channel
  )
  SELECT created_at FROM m`;

/** The `messages` table and its `message_channels` history index. */
@Injectable()
export class MessagesRepository {
  constructor(@InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>) {}

  /** Stores a queued message and returns it; null when the app already has one with this idempotency key. */
  async insert(message: NewMessage): Promise<MessageEntity | null> {
    const rows: { created_at: Date }[] = await this.messages.query(INSERT_MESSAGE, [
      message.id,
      message.appId,
      message.channels,
      message.event,
      message.data,
      message.socketId,
      message.idempotencyKey,
    ]);
    if (rows.length === 0) return null;
    return Object.assign(new MessageEntity(), message, {
      status: 'queued' as const,
      attempts: 0,
      lastError: null,
      createdAt: rows[0].created_at,
      deliveredAt: null,
    });
  }

  /** A message by id, within one app when `appId` is given. */
  find(id: string, appId?: string): Promise<MessageEntity | null> {
    return this.messages.findOneBy(appId === undefined ? { id } : { id, appId });
  }

  findByIdempotencyKey(appId: string, idempotencyKey: string): Promise<MessageEntity | null> {
    return this.messages.findOneBy({ appId, idempotencyKey });
  }

  /**
   * Newest-first messages of a channel, older than the cursor. Walks the (app, channel, time, id)
   * primary key of `message_channels`, so a page costs the same however long the history is.
   */
  history(appId: string, channel: string, limit: number, cursor?: HistoryCursor): Promise<MessageEntity[]> {
    const query = this.messages
      .createQueryBuilder('m')
      .innerJoin(MessageChannelEntity, 'mc', 'mc.message_id = m.id')
      .where('mc.app_id = :appId AND mc.channel = :channel', { appId, channel })
      .orderBy('mc.created_at', 'DESC')
      .addOrderBy('mc.message_id', 'DESC')
      .limit(limit);
    if (cursor && 'messageId' in cursor) {
      // The cursor's time is read in SQL, keeping Postgres's microseconds that a JS Date would lose.
      query.andWhere(
        '(mc.created_at, mc.message_id) < (SELECT c.created_at, c.id FROM messages c WHERE c.id = :before AND c.app_id = :appId)',
        {
          before: cursor.messageId,
        },
      );
    } else if (cursor) {
      query.andWhere('mc.created_at < :time', { time: cursor.time });
    }
    return query.getMany();
  }

  /** Moves a failed message back to queued (clearing its error); null when it is not failed. */
  requeueFailed(id: string, appId?: string): Promise<MessageEntity | null> {
    return requeueFailedMessage(this.messages.manager, id, appId);
  }

  /**
   * Messages still queued that were created more than `olderThanSeconds` ago, oldest first, after the
   * message `afterId` when given (a cursor, so successive pages walk the whole backlog).
   */
  staleQueued(olderThanSeconds: number, limit: number, afterId?: string): Promise<MessageEntity[]> {
    const query = this.messages
      .createQueryBuilder('m')
      .where("m.status = 'queued' AND m.created_at < now() - make_interval(secs => :age)", { age: olderThanSeconds })
      .orderBy('m.created_at', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .limit(limit);
    if (afterId !== undefined) {
      query.andWhere('(m.created_at, m.id) > (SELECT c.created_at, c.id FROM messages c WHERE c.id = :afterId)', { afterId });
    }
    return query.getMany();
  }

  /** Messages per status, over all time or since a moment. */
  async countByStatus(since?: Date): Promise<Record<MessageStatus, number>> {
    const query = this.messages
      .createQueryBuilder('m')
      .select('m.status', 'status')
      .addSelect('count(*)::int', 'count')
      .groupBy('m.status');
    if (since) query.where('m.created_at >= :since', { since });
    const rows = await query.getRawMany<{ status: MessageStatus; count: number }>();
    const counts: Record<MessageStatus, number> = { queued: 0, delivered: 0, failed: 0 };
    for (const row of rows) counts[row.status] = row.count;
    return counts;
  }
}
