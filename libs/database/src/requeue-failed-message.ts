import type { DataSource, EntityManager } from 'typeorm';
import { MessageEntity } from './entities/message.entity';

/**
 * Moves a failed message back to `queued`, clearing its error, within one app when `appId` is given.
 * Resolves to the message as it now is; null when it does not exist or is not failed. Callers change
 * the status before they add the job again, so a fast delivery is never overwritten.
 */
export async function requeueFailedMessage(db: DataSource | EntityManager, id: string, appId?: string): Promise<MessageEntity | null> {
  const messages = db.getRepository(MessageEntity);
  const query = messages
    .createQueryBuilder()
    .update()
    .set({ status: 'queued', lastError: null })
    .where('id = :id AND status = :failed', { id, failed: 'failed' });
  if (appId !== undefined) query.andWhere('app_id = :appId', { appId });
  const result = await query.execute();
  return (result.affected ?? 0) > 0 ? messages.findOneBy({ id }) : null;
}
