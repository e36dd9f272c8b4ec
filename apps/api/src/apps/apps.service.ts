import { randomBytes, randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AppEntity } from '@app/database';
import { DomainException } from '../common/domain.exception';
import { ErrorCode } from '../common/error-code';
import { AppChangeNotifier } from './app-change.notifier';
import { AppKeyCache } from './app-key.cache';
import { AppsRepository } from './apps.repository';
import type { AppSettingsDto, CreateAppDto } from './dto/create-app.dto';
import type { UpdateAppDto } from './dto/update-app.dto';

const GENERATED_ID_ATTEMPTS = 3;

/** 256 random bits, URL-safe base64 (43 characters). */
const newSecret = (): string => randomBytes(32).toString('base64url');
/** 80 random bits as 20 hex characters, the shape of Pusher keys. */
const newKey = (): string => randomBytes(10).toString('hex');
/** A numeric id like Pusher's. */
const newId = (): string => String(randomInt(1_000_000, 100_000_000_000));

function isUniqueViolation(error: unknown): boolean {
  return (error as { driverError?: { code?: string } }).driverError?.code === '23505';
}

function settingsToColumns(settings: Partial<AppSettingsDto>): Partial<AppEntity> {
  const columns: Partial<AppEntity> = {
    name: settings.name,
    enabled: settings.enabled,
    maxConnections: settings.max_connections,
    maxPresenceMembers: settings.max_presence_members,
    maxEventBytes: settings.max_event_bytes,
    clientEventsEnabled: settings.client_events_enabled,
    maxClientEventsPerSecond: settings.max_client_events_per_second,
    subscriptionCountEnabled: settings.subscription_count_enabled,
    webhooks: settings.webhooks?.map((target) => (target.events ? { url: target.url, events: target.events } : { url: target.url })),
    encryptionMasterKey: settings.encryption_master_key,
  };
  return Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined));
}

/**
 * Tenants: creation with fresh credentials (crypto randomness), changes, secret rotation and
 * deletion. Every change is committed first, then announced to the realtime servers.
 */
@Injectable()
export class AppsService {
  constructor(
    private readonly apps: AppsRepository,
    private readonly notifier: AppChangeNotifier,
    private readonly cache: AppKeyCache,
  ) {}

  async create(dto: CreateAppDto): Promise<AppEntity> {
    for (let attempt = 1; ; attempt++) {
      const id = dto.id ?? newId();
      try {
        const app = await this.apps.insert({ ...settingsToColumns(dto), id, key: newKey(), secret: newSecret() });
        await this.notifier.appChanged(app.id);
        return app;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        if (dto.id !== undefined) throw new DomainException(ErrorCode.Conflict, `An app with id ${dto.id} already exists`);
        if (attempt >= GENERATED_ID_ATTEMPTS) throw error;
      }
    }
  }

  list(limit: number, offset: number): Promise<[AppEntity[], number]> {
    return this.apps.list(limit, offset);
  }

  async get(id: string): Promise<AppEntity> {
    const app = await this.apps.findById(id);
    if (!app) throw DomainException.notFound(`App ${id}`);
    return app;
  }

  update(id: string, dto: UpdateAppDto): Promise<AppEntity> {
    return this.change(id, settingsToColumns(dto));
  }

  setEnabled(id: string, enabled: boolean): Promise<AppEntity> {
    return this.change(id, { enabled });
  }

  /** Replaces the secret; the old one stops working at once (signatures made with it fail). */
  rotateSecret(id: string): Promise<AppEntity> {
    return this.change(id, { secret: newSecret() });
  }

  async delete(id: string): Promise<void> {
    if (!(await this.apps.delete(id))) throw DomainException.notFound(`App ${id}`);
    this.cache.clear();
    await this.notifier.appChanged(id);
  }

  private async change(id: string, columns: Partial<AppEntity>): Promise<AppEntity> {
    const app = await this.apps.update(id, columns);
    if (!app) throw DomainException.notFound(`App ${id}`);
    this.cache.clear();
    await this.notifier.appChanged(id);
    return app;
  }
}
