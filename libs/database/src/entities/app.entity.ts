import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A webhook receiver of an app; `events` narrows which webhook events it gets (all when absent). */
export interface WebhookTarget {
  url: string;
  events?: string[];
}

/** A tenant: one Pusher app with its credentials and limits. */
@Entity({ name: 'apps' })
export class AppEntity {
  /** Pusher app id, as used in REST paths (`/apps/{id}/events`). */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  /** Public key clients connect with (`/app/{key}`). */
  @Column({ type: 'varchar', length: 64, unique: true })
  key!: string;

  @Column({ type: 'varchar', length: 128 })
  secret!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  /** Concurrent connections across the cluster; null means unlimited. */
  @Column({ name: 'max_connections', type: 'integer', nullable: true })
  maxConnections!: number | null;

  /** Members of one presence channel; far above hosted Pusher's 100. */
  @Column({ name: 'max_presence_members', type: 'integer', default: 100_000 })
  maxPresenceMembers!: number;

  /** Bytes of `data` in one event. */
  @Column({ name: 'max_event_bytes', type: 'integer', default: 10_240 })
  maxEventBytes!: number;

  @Column({ name: 'client_events_enabled', type: 'boolean', default: false })
  clientEventsEnabled!: boolean;

  /** Client events one connection may send per second. */
  @Column({ name: 'max_client_events_per_second', type: 'integer', default: 10 })
  maxClientEventsPerSecond!: number;

  @Column({ name: 'subscription_count_enabled', type: 'boolean', default: false })
  subscriptionCountEnabled!: boolean;

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  webhooks!: WebhookTarget[];

  /** Base64 of 32 bytes for private-encrypted- channels; null disables them for this app. */
  @Column({ name: 'encryption_master_key', type: 'varchar', length: 64, nullable: true })
  encryptionMasterKey!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
