import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { RedisClient } from '@app/redis';

/** Redis is up when PING answers within the timeout. */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly redis: RedisClient,
  ) {}

  async pingCheck(key: string, timeoutMs = 1500) {
    const indicator = this.indicators.check(key);
    try {
      await Promise.race([
        this.redis.connection.ping(),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`no reply within ${String(timeoutMs)} ms`)), timeoutMs).unref(),
        ),
      ]);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
