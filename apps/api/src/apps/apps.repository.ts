import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppEntity } from '@app/database';

/** The `apps` table. Unique-key violations surface as TypeORM errors with SQLSTATE 23505. */
@Injectable()
export class AppsRepository {
  constructor(@InjectRepository(AppEntity) private readonly apps: Repository<AppEntity>) {}

  findById(id: string): Promise<AppEntity | null> {
    return this.apps.findOneBy({ id });
  }

  findByKey(key: string): Promise<AppEntity | null> {
    return this.apps.findOneBy({ key });
  }

  list(limit: number, offset: number): Promise<[AppEntity[], number]> {
    return this.apps.findAndCount({ order: { createdAt: 'ASC', id: 'ASC' }, take: limit, skip: offset });
  }

  async insert(app: Partial<AppEntity>): Promise<AppEntity> {
    await this.apps.insert(app);
    return this.apps.findOneByOrFail({ id: app.id });
  }

  /** Applies the changes and returns the new row, or null when the app does not exist. */
  async update(id: string, changes: Partial<AppEntity>): Promise<AppEntity | null> {
    if (Object.keys(changes).length > 0) {
      const result = await this.apps.update({ id }, changes);
      if (result.affected === 0) return null;
    }
    return this.findById(id);
  }

  /** True when a row was deleted (its messages go with it). */
  async delete(id: string): Promise<boolean> {
    const result = await this.apps.delete({ id });
    return (result.affected ?? 0) > 0;
  }
}
