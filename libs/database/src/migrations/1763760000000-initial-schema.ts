import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1763760000000 implements MigrationInterface {
  name = 'InitialSchema1763760000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE apps (
        id varchar(64) PRIMARY KEY,
        key varchar(64) NOT NULL UNIQUE,
        secret varchar(128) NOT NULL,
        name varchar(200) NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        max_connections integer NULL CHECK (max_connections IS NULL OR max_connections >= 0),
        max_presence_members integer NOT NULL DEFAULT 100000 CHECK (max_presence_members >= 1),
        max_event_bytes integer NOT NULL DEFAULT 10240 CHECK (max_event_bytes >= 1),
        client_events_enabled boolean NOT NULL DEFAULT false,
        max_client_events_per_second integer NOT NULL DEFAULT 10 CHECK (max_client_events_per_second >= 0),
        subscription_count_enabled boolean NOT NULL DEFAULT false,
        webhooks jsonb NOT NULL DEFAULT '[]'::jsonb,
        encryption_master_key varchar(64) NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY,
        app_id varchar(64) NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        channels text[] NOT NULL,
        event varchar(200) NOT NULL,
        data text NOT NULL,
        socket_id varchar(64) NULL,
        idempotency_key varchar(200) NULL,
        status varchar(16) NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz NULL
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX messages_app_idempotency_key ON messages (app_id, idempotency_key) WHERE idempotency_key IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX messages_app_created ON messages (app_id, created_at)`);
    await queryRunner.query(`CREATE INDEX messages_failed ON messages (app_id, created_at) WHERE status = 'failed'`);
    await queryRunner.query(`
      CREATE TABLE message_channels (
        app_id varchar(64) NOT NULL,
        channel varchar(200) NOT NULL,
        created_at timestamptz NOT NULL,
        message_id uuid NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        PRIMARY KEY (app_id, channel, created_at, message_id)
      )`);
    await queryRunner.query(`CREATE INDEX message_channels_message ON message_channels (message_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE message_channels`);
    await queryRunner.query(`DROP TABLE messages`);
    await queryRunner.query(`DROP TABLE apps`);
  }
}
