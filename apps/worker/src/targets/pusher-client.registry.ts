import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import type { AppConfig, PusherTargetConfig } from '@app/config';
import { AppEntity } from '@app/database';
import { appChangesChannel, createRedisConnection, RedisKeys } from '@app/redis';
import type Redis from 'ioredis';
import Pusher from 'pusher';
import { Repository } from 'typeorm';
import { AppUnavailableError } from '../trigger/delivery-error';

interface CachedClient {
  pusher: Pusher;
  loadedAt: number;
}

/**
 * One `pusher` SDK client per app, built from the app's row (id, key, secret, encryption master key)
 * and the configured target (our realtime cluster, or hosted Pusher). Rows are cached for
 * WORKER_APP_CACHE_TTL_MS and dropped at once when an app change is announced on Redis, so a
 * rotated secret is used from the next message on. All clients share one keep-alive agent.
 */
@Injectable()
export class PusherClientRegistry implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(PusherClientRegistry.name);
  private readonly clients = new Map<string, CachedClient>();
  private readonly loading = new Map<string, Promise<Pusher>>();
  private readonly target: PusherTargetConfig;
  private readonly ttlMs: number;
  private readonly agent: HttpAgent;
  private subscriber?: Redis;

  constructor(
    @InjectRepository(AppEntity) private readonly apps: Repository<AppEntity>,
    @Inject(ConfigService) private readonly config: ConfigService<AppConfig, true>,
    private readonly keys: RedisKeys,
  ) {
    this.target = config.getOrThrow('pusherTarget', { infer: true });
    this.ttlMs = config.getOrThrow('worker', { infer: true }).appCacheTtlMs;
    const agentOptions = { keepAlive: true, maxSockets: 64 };
    this.agent = this.target.useTLS ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
  }

  onModuleInit(): void {
    const channel = appChangesChannel(this.keys);
    this.subscriber = createRedisConnection(this.config.getOrThrow('redis', { infer: true }).url, 'pusher-me-worker-apps', {
      blocking: true,
    });
    this.subscriber.on('error', () => undefined);
    // After a reconnect, announcements may have been missed: forget every cached row.
    this.subscriber.on('ready', () => this.clients.clear());
    this.subscriber.on('message', (_channel: string, appId: string) => this.invalidate(appId));
    this.subscriber.subscribe(channel).catch((error: Error) => this.logger.warn(`Cannot subscribe to app changes: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    await subscriber?.quit().catch(() => subscriber.disconnect());
    this.agent.destroy();
  }

  /**
   * The client for an app. Rejects with AppUnavailableError when the app is unknown or disabled,
   * or with the database error when the row cannot be read.
   */
  async forApp(appId: string): Promise<Pusher> {
    const cached = this.clients.get(appId);
    if (cached && Date.now() - cached.loadedAt < this.ttlMs) return cached.pusher;
    let load = this.loading.get(appId);
    if (!load) {
      load = this.load(appId).finally(() => this.loading.delete(appId));
      this.loading.set(appId, load);
    }
    return load;
  }

  /** Forgets an app's cached row, so the next message reads it again. */
  invalidate(appId: string): void {
    this.clients.delete(appId);
  }

  private async load(appId: string): Promise<Pusher> {
    const row = await this.apps.findOneBy({ id: appId });
    if (!row) throw new AppUnavailableError(appId, 'unknown');
    if (!row.enabled) throw new AppUnavailableError(appId, 'disabled');
    const pusher = this.build(row);
    this.clients.set(appId, { pusher, loadedAt: Date.now() });
    return pusher;
  }

  private build(row: AppEntity): Pusher {
    const base = {
      appId: row.id,
      key: row.key,
      secret: row.secret,
      useTLS: this.target.useTLS,
      timeout: this.target.timeoutMs,
      agent: this.agent,
      ...(row.encryptionMasterKey ? { encryptionMasterKeyBase64: row.encryptionMasterKey } : {}),
    };
    if (this.target.host) {
      return new Pusher({ ...base, host: this.target.host, ...(this.target.port ? { port: String(this.target.port) } : {}) });
    }
    return new Pusher({ ...base, cluster: this.target.cluster ?? 'mt1' });
  }
}
