import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { WEBHOOK_EVENT_NAMES } from '@app/pusher-protocol';
import { IsEncryptionMasterKeyOrNull, IsLimitOrNull } from './app-fields.validators';

/** A webhook receiver of an app. */
export class WebhookTargetDto {
  @ApiProperty({ example: 'https://example.com/pusher/webhooks' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'url must be an http(s) URL' })
  url!: string;

  @ApiPropertyOptional({ description: 'Only these webhook events (all when absent).', enum: WEBHOOK_EVENT_NAMES, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(WEBHOOK_EVENT_NAMES, { each: true, message: `events must be among ${WEBHOOK_EVENT_NAMES.join(', ')}` })
  events?: string[];
}

/** The settings of an app an admin may set (everything but its id, key and secret). */
export class AppSettingsDto {
  @ApiProperty({ example: 'Chat', minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ default: true, description: 'Disabled apps refuse connections and API calls.' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    default: null,
    description: 'Concurrent connections across the cluster; null = unlimited.',
  })
  @IsOptional()
  @IsLimitOrNull(100_000_000)
  max_connections?: number | null;

  @ApiPropertyOptional({ default: 100_000, minimum: 1, maximum: 10_000_000, description: 'Members of one presence channel.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  max_presence_members?: number;

  @ApiPropertyOptional({ default: 10_240, minimum: 1, maximum: 1_048_576, description: 'Bytes of `data` in one event.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_048_576)
  max_event_bytes?: number;

  @ApiPropertyOptional({ default: false, description: 'Clients may send `client-` events on private and presence channels.' })
  @IsOptional()
  @IsBoolean()
  client_events_enabled?: boolean;

  @ApiPropertyOptional({ default: 10, minimum: 0, maximum: 10_000, description: 'Client events one connection may send per second.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  max_client_events_per_second?: number;

  @ApiPropertyOptional({ default: false, description: 'Send `pusher_internal:subscription_count` events.' })
  @IsOptional()
  @IsBoolean()
  subscription_count_enabled?: boolean;

  @ApiPropertyOptional({ type: [WebhookTargetDto], maxItems: 10, default: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => WebhookTargetDto)
  webhooks?: WebhookTargetDto[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Base64 of 32 bytes for `private-encrypted-` channels; null turns them off.',
    example: 'bXlfMzJfYnl0ZV9lbmNyeXB0aW9uX21hc3Rlcl9rZXk=',
  })
  @IsOptional()
  @IsEncryptionMasterKeyOrNull()
  encryption_master_key?: string | null;
}

/** `POST /admin/apps`. */
export class CreateAppDto extends AppSettingsDto {
  @ApiPropertyOptional({
    description: 'Pusher app id; generated (numeric) when absent. Immutable.',
    example: '1234567',
    pattern: '^[A-Za-z0-9_-]{1,64}$',
  })
  @ValidateIf((dto: CreateAppDto) => dto.id !== undefined)
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'id must be 1-64 letters, digits, "_" or "-"' })
  id?: string;
}
