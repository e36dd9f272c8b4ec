import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import type { AppConfig } from '@app/config';
import { AppEntity } from '@app/database';
import { appChangesChannel, createRedisConnection, RedisKeys } from '@app/redis';
import type Redis from 'ioredis';
import { Repository } from 'typeorm';
import { AppChangeListener, AppRegistry } from './app-registry';
import { RealtimeApp, toRealtimeApp } from './realtime-app';

/** Longest the boot waits for the first load before carrying on (readiness stays down until it lands). */
const FIRST_LOAD_WAIT_MS = 5_000;
/** Retry period while the first load keeps failing. */
const FIRST_LOAD_RETRY_MS = 1_000;

/**
 * AppRegistry over the `apps` table. Listens on the app-changes pub/sub channel (one dedicated
 * subscriber connection) to reload single apps, and reloads the whole table every
 * REALTIME_APPS_REFRESH_SECONDS and after every Redis reconnect, when notifications may have been missed.
 * Loads run one at a time, so a slow full reload can never overwrite a newer single-app reload.
 */
@Injectable()
export class PostgresAppRegistry extends AppRegistry implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(PostgresAppRegistry.name);
  private readonly byId = new Map<string, RealtimeApp>();
  private readonly byKey = new Map<string, RealtimeApp>();
  /** Serialized form of each app, to tell a real change from a reload of the same row. */
  private readonly fingerprints = new Map<string, string>();
  private readonly listeners: AppChangeListener[] = [];
  private loads: Promise<void> = Promise.resolve();
  private loaded = false;
  private subscriber?: Redis;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    @InjectRepository(AppEntity) private readonly rows: Repository<AppEntity>,
    @Inject(ConfigService) private readonly config: ConfigService<AppConfig, true>,
    private readonly keys: RedisKeys,
  ) {
    super();
  }

  get ready(): boolean {
    return this.loaded;
  }

  findByKey(key: string): RealtimeApp | undefined {
    return this.byKey.get(key);
  }

  findById(id: string): RealtimeApp | undefined {
    return this.byId.get(id);
  }

  onChange(listener: AppChangeListener): void {
    this.listeners.push(listener);
  }

  async onModuleInit(): Promise<void> {
    // Subscribe before the first load, so a change committed during the load is not missed.
    this.subscribe();
    const first = this.firstLoad();
    await Promise.race([first, new Promise((resolve) => setTimeout(resolve, FIRST_LOAD_WAIT_MS).unref())]);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    await subscriber?.quit().catch(() => subscriber.disconnect());
    await this.loads;
  }

  /** Reloads one app now (used on notification); resolves when the registry reflects its row. */
  reloadApp(appId: string): Promise<void> {
    return this.enqueue(async () => {
      const row = await this.rows.findOneBy({ id: appId });
      this.apply(appId, row ? toRealtimeApp(row) : undefined);
    });
  }

  /** Reloads the whole table; apps whose rows are gone are removed. */
  reloadAll(): Promise<void> {
    return this.enqueue(async () => {
      const apps = (await this.rows.find()).map(toRealtimeApp);
      const seen = new Set(apps.map((app) => app.id));
      for (const app of apps) this.apply(app.id, app);
      for (const id of [...this.byId.keys()]) if (!seen.has(id)) this.apply(id, undefined);
      this.loaded = true;
    });
  }

  private enqueue(load: () => Promise<void>): Promise<void> {
    const next = this.loads.then(load);
    this.loads = next.catch(() => undefined);
    return next;
  }

  private async firstLoad(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.reloadAll();
        this.logger.log(`Loaded ${String(this.byId.size)} app(s)`);
        this.scheduleRefresh();
        return;
      } catch (error) {
        this.logger.warn(`Cannot load apps yet (${(error as Error).message}); retrying`);
        await new Promise((resolve) => setTimeout(resolve, FIRST_LOAD_RETRY_MS).unref());
      }
    }
  }

  private scheduleRefresh(): void {
    if (this.stopped) return;
    const periodMs = this.config.getOrThrow('realtime', { infer: true }).appsRefreshSeconds * 1000;
    this.timer = setTimeout(() => {
      this.reloadAll()
        .catch((error: unknown) => this.logger.warn(`Periodic apps refresh failed: ${(error as Error).message}`))
        .finally(() => this.scheduleRefresh());
    }, periodMs);
    this.timer.unref();
  }

  private subscribe(): void {
    const channel = appChangesChannel(this.keys);
    const subscriber = createRedisConnection(this.config.getOrThrow('redis', { infer: true }).url, 'pusher-me-apps', { blocking: true });
    this.subscriber = subscriber;
    subscriber.on('error', () => undefined);
    subscriber.on('message', (from: string, appId: string) => {
      if (from !== channel || appId.length === 0) return;
      this.reloadApp(appId).catch((error: unknown) => this.logger.warn(`Reload of app ${appId} failed: ${(error as Error).message}`));
    });
    let connectedBefore = false;
    subscriber.on('ready', () => {
      // ioredis resubscribes by itself; what was published while we were away is lost, so reload it all.
      if (connectedBefore && this.loaded) void this.reloadAll().catch(() => undefined);
      connectedBefore = true;
    });
    subscriber
      .subscribe(channel)
      .catch((error: unknown) => this.logger.warn(`Cannot subscribe to app changes: ${(error as Error).message}`));
  }

  private apply(appId: string, app: RealtimeApp | undefined): void {
    const fingerprint = app ? JSON.stringify(app) : undefined;
    if (this.fingerprints.get(appId) === fingerprint) return;
    const previous = this.byId.get(appId);
    if (previous && this.byKey.get(previous.key) === previous) this.byKey.delete(previous.key);
    if (app && fingerprint) {
      this.byId.set(appId, app);
      this.byKey.set(app.key, app);
      this.fingerprints.set(appId, fingerprint);
    } else {
      this.byId.delete(appId);
      this.fingerprints.delete(appId);
    }
    // The first load only fills the cache; listeners hear about changes after it.
    if (this.loaded) this.notify(app, appId);
  }

  private notify(app: RealtimeApp | undefined, appId: string): void {
    for (const listener of this.listeners) {
      try {
        listener(app, appId);
      } catch (error) {
        this.logger.error(`App change listener failed for ${appId}: ${(error as Error).message}`);
      }
    }
  }
}
