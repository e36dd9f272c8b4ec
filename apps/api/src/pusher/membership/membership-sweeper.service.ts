import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@app/config';
import { MembershipMetrics } from './membership.metrics';
import { MembershipRepository } from './membership.repository';

/**
 * Drops expired registry entries every MEMBERSHIP_SWEEP_INTERVAL_SECONDS, so counts stay right for
 * channels nobody reads. Runs never overlap in one process; several processes may sweep at once safely.
 */
@Injectable()
export class MembershipSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MembershipSweeper.name);
  private readonly intervalMs: number;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(MembershipRepository) private readonly registry: MembershipRepository,
    @Inject(MembershipMetrics) private readonly metrics: MembershipMetrics,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    this.intervalMs = config.getOrThrow('api', { infer: true }).membership.sweepIntervalSeconds * 1000;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweepOnce(), this.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One sweep, skipped when the previous one is still running; failures are logged, never thrown. */
  sweepOnce(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.registry
      .sweep()
      .then((removed) => {
        this.metrics.count('expired', removed);
        if (removed > 0) this.logger.log(`Removed ${removed} expired membership entries`);
      })
      .catch((error: unknown) => this.logger.warn(`Membership sweep failed: ${(error as Error)?.message ?? String(error)}`))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }
}
