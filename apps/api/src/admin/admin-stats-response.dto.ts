import { ApiProperty } from '@nestjs/swagger';

/** Messages per status. */
export class MessageStatusCountsDto {
  @ApiProperty() queued!: number;
  @ApiProperty() delivered!: number;
  @ApiProperty() failed!: number;
}

/** Jobs of the `messages` queue per state. */
export class QueueCountsDto {
  @ApiProperty() waiting!: number;
  @ApiProperty() active!: number;
  @ApiProperty() delayed!: number;
  @ApiProperty() prioritized!: number;
  @ApiProperty() completed!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() paused!: number;
}

/** `GET /admin/stats`: the dashboard's overview. */
export class AdminStatsResponseDto {
  @ApiProperty({ type: MessageStatusCountsDto, description: 'Messages created in the last hour, per status.' })
  messages_last_hour!: MessageStatusCountsDto;

  @ApiProperty({ type: MessageStatusCountsDto, description: 'All stored messages, per status.' })
  messages_total!: MessageStatusCountsDto;

  @ApiProperty({ type: QueueCountsDto, description: 'The delivery queue (`queue.waiting` is its depth).' })
  queue!: QueueCountsDto;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Live WebSocket connections per app id, across the realtime cluster.',
    example: { 'app-id': 12 },
  })
  connections!: Record<string, number>;

  @ApiProperty({ description: 'Sum of `connections`.' })
  connections_total!: number;

  @ApiProperty({ format: 'date-time' })
  generated_at!: string;
}
