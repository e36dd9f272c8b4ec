import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request } from 'express';
import type { AppConfig } from '@app/config';
import type { AppEntity } from '@app/database';
import { AppsRepository } from '../apps/apps.repository';
import { DomainException } from '../common/domain.exception';
import { ErrorCode } from '../common/error-code';

/** How long an app row is reused before it is read again (secrets rotate within this delay). */
const CACHE_MS = 5_000;
const CACHE_MAX_ENTRIES = 1_000;

/** Header naming the app a browser request is for; `app_key` in the body or query does the same. */
export const APP_KEY_HEADER = 'x-pusher-app-key';

/**
 * Finds the app a Pusher endpoint works for: the one named by `X-Pusher-App-Key` (or an `app_key`
 * body or query field), else the default app. Rows are cached for 5 s. Unknown key: 404; disabled app: 403.
 */
@Injectable()
export class AppLookupService {
  private readonly defaultKey: string;
  private readonly cache = new Map<string, { app: AppEntity | null; until: number }>();

  constructor(
    @Inject(AppsRepository) private readonly apps: AppsRepository,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    this.defaultKey = config.getOrThrow('defaultApp', { infer: true }).key;
  }

  /** The enabled app a request names (or the default app). */
  async forRequest(request: Request): Promise<AppEntity> {
    const key = this.requestedKey(request) ?? this.defaultKey;
    const app = await this.byKey(key);
    if (!app) throw new DomainException(ErrorCode.NotFound, `No app has the key "${key}"`);
    if (!app.enabled) throw new DomainException(ErrorCode.Forbidden, `App ${app.id} is disabled`);
    return app;
  }

  /** The app with this key, or null; cached briefly, misses included. */
  async byKey(key: string): Promise<AppEntity | null> {
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return hit.app;
    const app = await this.apps.findByKey(key);
    if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.clear();
    this.cache.set(key, { app, until: now + CACHE_MS });
    return app;
  }

  private requestedKey(request: Request): string | undefined {
    const header = request.headers[APP_KEY_HEADER];
    if (typeof header === 'string' && header.length > 0) return header;
    const fromBody: unknown = (request.body as { app_key?: unknown } | undefined)?.app_key;
    if (typeof fromBody === 'string' && fromBody.length > 0) return fromBody;
    const fromQuery: unknown = request.query?.app_key;
    return typeof fromQuery === 'string' && fromQuery.length > 0 ? fromQuery : undefined;
  }
}
