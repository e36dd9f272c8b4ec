import { Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per (message, channel): the index behind channel history, so "newest messages of a
 * channel before T" is one B-tree range scan however many channels or messages the app has.
 */
@Entity({ name: 'message_channels' })
export class MessageChannelEntity {
  @PrimaryColumn({ name: 'app_id', type: 'varchar', length: 64 })
  appId!: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  channel!: string;

  @PrimaryColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @PrimaryColumn({ name: 'message_id', type: 'uuid' })
  messageId!: string;
}
