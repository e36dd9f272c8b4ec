import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export const MESSAGE_STATUSES = ['queued', 'delivered', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** A message accepted by the api, stored before it is queued, updated by the worker. */
@Entity({ name: 'messages' })
@Index('messages_app_idempotency_key', ['appId', 'idempotencyKey'], { unique: true, where: 'idempotency_key IS NOT NULL' })
@Index('messages_app_created', ['appId', 'createdAt'])
export class MessageEntity {
  /** UUID; also the BullMQ job id and the idempotency key sent to the realtime server. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'app_id', type: 'varchar', length: 64 })
  appId!: string;

  @Column({ type: 'text', array: true })
  channels!: string[];

  @Column({ type: 'varchar', length: 200 })
  event!: string;

  /** The exact `data` string, passed through to subscribers untouched. */
  @Column({ type: 'text' })
  data!: string;

  /** Socket excluded from delivery (the sender's own connection). */
  @Column({ name: 'socket_id', type: 'varchar', length: 64, nullable: true })
  socketId!: string | null;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 200, nullable: true })
  idempotencyKey!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status!: MessageStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;
}
