import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@app/config';
import { RedisClient, RedisKeys, triggerIdempotencyKey } from '@app/redis';
import { TriggerIdempotency } from './trigger-idempotency';

/** TriggerIdempotency as one `SET NX EX` per key, shared by every node. */
@Injectable()
export class RedisTriggerIdempotency extends TriggerIdempotency {
  private readonly windowSeconds: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    super();
    this.windowSeconds = config.getOrThrow('realtime', { infer: true }).idempotencyWindowSeconds;
  }

  async claim(appId: string, key: string): Promise<boolean> {
    const result = await this.redis.connection.set(
      triggerIdempotencyKey(this.keys, appId, key),
      String(Date.now()),
      'EX',
      this.windowSeconds,
      'NX',
    );
    return result === 'OK';
  }

  async release(appId: string, key: string): Promise<void> {
    await this.redis.connection.del(triggerIdempotencyKey(this.keys, appId, key));
  }
}
