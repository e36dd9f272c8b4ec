import { Injectable } from '@nestjs/common';
import { AppsRepository } from '../apps/apps.repository';
import { MessagesRepository } from '../messages/messages.repository';
import { MessageQueue } from '../messages/queue/message-queue';
import type { AdminStatsResponseDto } from './admin-stats-response.dto';
import { LiveConnectionsReader } from './live-connections.reader';

const HOUR_MS = 3_600_000;
/** Apps whose connections the overview counts; beyond this, per-app figures come from the apps list. */
const MAX_APPS = 1000;

/** Gathers the dashboard overview from Postgres, the queue and the realtime counters, concurrently. */
@Injectable()
export class AdminStatsService {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly queue: MessageQueue,
    private readonly apps: AppsRepository,
    private readonly connections: LiveConnectionsReader,
  ) {}

  async overview(): Promise<AdminStatsResponseDto> {
    const [lastHour, total, queue, [apps]] = await Promise.all([
      this.messages.countByStatus(new Date(Date.now() - HOUR_MS)),
      this.messages.countByStatus(),
      this.queue.counts(),
      this.apps.list(MAX_APPS, 0),
    ]);
    const connections = await this.connections.perApp(apps.map((app) => app.id));
    return {
      messages_last_hour: lastHour,
      messages_total: total,
      queue,
      connections,
      connections_total: Object.values(connections).reduce((sum, count) => sum + count, 0),
      generated_at: new Date().toISOString(),
    };
  }
}
