import { Inject, Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsRegistry } from '@app/observability';

/** What changed a registry entry. */
export type MembershipChange = 'added' | 'refreshed' | 'unsubscribed' | 'webhook' | 'expired';

/** `pusher_me_membership_entries_total{change}`: registry entries added, refreshed and removed, by cause. */
@Injectable()
export class MembershipMetrics {
  private readonly entries: Counter<'change'>;

  constructor(@Inject(MetricsRegistry) metrics: MetricsRegistry) {
    this.entries = new Counter({
      name: 'pusher_me_membership_entries_total',
      help: 'Membership registry entries added, refreshed or removed (unsubscribed, webhook, expired by the sweeper)',
      labelNames: ['change'],
      registers: [metrics.registry],
    });
  }

  count(change: MembershipChange, entries = 1): void {
    if (entries > 0) this.entries.inc({ change }, entries);
  }
}
