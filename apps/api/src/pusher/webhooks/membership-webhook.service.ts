import { Inject, Injectable } from '@nestjs/common';
import type { WebhookBody } from '@app/pusher-protocol';
import { MembershipMetrics } from '../membership/membership.metrics';
import { MembershipRepository } from '../membership/membership.repository';

/** What one webhook request changed. */
export interface WebhookOutcome {
  events: number;
  removed: number;
}

/**
 * Keeps the membership registry true to what the realtime server (or hosted Pusher) reports:
 * `member_removed` drops that user's entries in the channel, `channel_vacated` drops the channel's
 * entries. Only entries last refreshed before the webhook's `time_ms` go, so a late webhook never
 * removes someone who (re)subscribed after the event. Other events are ignored.
 */
@Injectable()
export class MembershipWebhookService {
  constructor(
    @Inject(MembershipRepository) private readonly registry: MembershipRepository,
    @Inject(MembershipMetrics) private readonly metrics: MembershipMetrics,
  ) {}

  async apply(appId: string, body: WebhookBody): Promise<WebhookOutcome> {
    let removed = 0;
    for (const event of body.events) {
      if (event.name === 'member_removed' && typeof event.user_id === 'string') {
        removed += await this.registry.removeUser(appId, event.channel, event.user_id, body.time_ms);
      } else if (event.name === 'channel_vacated') {
        removed += await this.registry.clearChannel(appId, event.channel, body.time_ms);
      }
    }
    this.metrics.count('webhook', removed);
    return { events: body.events.length, removed };
  }
}
