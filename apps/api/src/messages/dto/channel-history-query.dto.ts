import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { SignedRequestQueryDto } from '../../access/signed-request-query.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Query of `GET /channels/{channel}/messages` (plus the signing parameters of a Pusher-signed request). */
export class ChannelHistoryQueryDto extends SignedRequestQueryDto {
  @ApiPropertyOptional({
    description: 'Only messages older than this: a message id (the `next_before` of the previous page) or an ISO 8601 time.',
    example: '2026-01-01T00:00:00Z',
  })
  @IsOptional()
  @Matches(new RegExp(`${UUID.source}|${ISO_TIME.source}`, 'i'), { message: 'before must be a message id or an ISO 8601 time' })
  before?: string;

  @ApiPropertyOptional({ description: 'Page size.', minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  /** The `before` cursor, classified. */
  cursor(): { messageId: string } | { time: Date } | undefined {
    if (this.before === undefined) return undefined;
    return UUID.test(this.before) ? { messageId: this.before.toLowerCase() } : { time: new Date(this.before) };
  }
}
