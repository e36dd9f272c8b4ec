import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The api's requeue sweep pages through `queued` messages oldest first with a (created_at, id)
 * cursor; this partial index keeps that a range scan over the backlog, not over every message.
 */
export class MessageQueuedIndex1763800000000 implements MigrationInterface {
  name = 'MessageQueuedIndex1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX messages_queued ON messages (created_at, id) WHERE status = 'queued'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX messages_queued`);
  }
}
