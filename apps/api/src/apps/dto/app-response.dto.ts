import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import type { AppEntity } from '@app/database';
import { WebhookTargetDto } from './create-app.dto';

/** An app with its credentials. */
export class AppResponseDto {
  @ApiProperty({ example: '1234567' })
  id!: string;

  @ApiProperty({ description: 'Public key clients connect with; immutable.', example: '9f1c2e4b7a0d3c5e6f81' })
  key!: string;

  @ApiProperty({ description: 'Signing secret; change it with rotate-secret.', example: 'q3JtT0bH0r4cW3v9k8m1Zx2Y5u6N7p8A9s0D1f2G3h4' })
  secret!: string;

  @ApiProperty({ example: 'Chat' })
  name!: string;

  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ type: Number, nullable: true })
  max_connections!: number | null;

  @ApiProperty()
  max_presence_members!: number;

  @ApiProperty()
  max_event_bytes!: number;

  @ApiProperty()
  client_events_enabled!: boolean;

  @ApiProperty()
  max_client_events_per_second!: number;

  @ApiProperty()
  subscription_count_enabled!: boolean;

  @ApiProperty({ type: [WebhookTargetDto] })
  webhooks!: WebhookTargetDto[];

  @ApiPropertyOptional({ type: String, nullable: true })
  encryption_master_key!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;

  static of(app: AppEntity): AppResponseDto {
    return {
      id: app.id,
      key: app.key,
      secret: app.secret,
      name: app.name,
      enabled: app.enabled,
      max_connections: app.maxConnections,
      max_presence_members: app.maxPresenceMembers,
      max_event_bytes: app.maxEventBytes,
      client_events_enabled: app.clientEventsEnabled,
      max_client_events_per_second: app.maxClientEventsPerSecond,
      subscription_count_enabled: app.subscriptionCountEnabled,
      webhooks: app.webhooks,
      encryption_master_key: app.encryptionMasterKey,
      created_at: app.createdAt.toISOString(),
      updated_at: app.updatedAt.toISOString(),
    };
  }
}

/** An app in a list: everything but its secrets. */
export class AppSummaryDto extends OmitType(AppResponseDto, ['secret', 'encryption_master_key'] as const) {
  static summary(app: AppEntity): AppSummaryDto {
    const { secret: _secret, encryption_master_key: _key, ...summary } = AppResponseDto.of(app);
    return summary;
  }
}

/** A page of apps, oldest first. */
export class AppListResponseDto {
  @ApiProperty({ type: [AppSummaryDto] })
  apps!: AppSummaryDto[];

  @ApiProperty({ description: 'Apps in total.' })
  total!: number;
}
