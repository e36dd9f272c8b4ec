import { Injectable } from '@nestjs/common';
import type { AppEntity } from '@app/database';
import { AppsRepository } from './apps.repository';

/** How long a looked-up app is reused. Changes made through another api instance show within this time. */
const TTL_MS = 1000;
const MAX_ENTRIES = 10_000;

/**
 * Apps by key for request authentication, kept for one second so a busy app costs one Postgres
 * lookup per second instead of one per request. Changes made through this instance clear it at
 * once. Unknown keys are never cached, so guessing keys cannot fill it.
 */
@Injectable()
export class AppKeyCache {
  private readonly entries = new Map<string, { app: AppEntity; expiresAt: number }>();

  constructor(private readonly apps: AppsRepository) {}

  async findByKey(key: string): Promise<AppEntity | null> {
    const now = Date.now();
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > now) return cached.app;
    const app = await this.apps.findByKey(key);
    if (!app) {
      this.entries.delete(key);
      return null;
    }
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { app, expiresAt: now + TTL_MS });
    return app;
  }

  /** Drops every cached app (after a change, so the next request reads the new row). */
  clear(): void {
    this.entries.clear();
  }
}
