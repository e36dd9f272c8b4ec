import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MESSAGE_STATUSES, MessageEntity, type MessageStatus } from '@app/database';

/** Answer of `POST /messages` and of a retry: the message is durably stored and queued. */
export class AcceptedMessageResponseDto {
  @ApiProperty({ format: 'uuid', example: '3b241101-e2bb-4255-8caf-4136c566a962' })
  id!: string;

  @ApiProperty({ enum: MESSAGE_STATUSES, example: 'queued' })
  status!: MessageStatus;

  static of(message: MessageEntity): AcceptedMessageResponseDto {
    return { id: message.id, status: message.status };
  }
}

/** A stored message and its delivery state. */
export class MessageResponseDto extends AcceptedMessageResponseDto {
  @ApiProperty({ type: [String], example: ['private-chat'] })
  channels!: string[];

  @ApiProperty({ example: 'new-message' })
  event!: string;

  @ApiProperty({ description: 'The exact data string that is (or was) delivered.', example: '{"text":"hello"}' })
  data!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '1234.5678' })
  socket_id!: string | null;

  @ApiProperty({ description: 'Delivery attempts made so far.', example: 1 })
  attempts!: number;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Why the last attempt failed.', example: null })
  error!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  delivered_at!: string | null;

  static override of(message: MessageEntity): MessageResponseDto {
    return {
      id: message.id,
      status: message.status,
      channels: message.channels,
      event: message.event,
      data: message.data,
      socket_id: message.socketId,
      attempts: message.attempts,
      error: message.lastError,
      created_at: message.createdAt.toISOString(),
      delivered_at: message.deliveredAt?.toISOString() ?? null,
    };
  }
}

/** One page of a channel's history, newest first. */
export class MessageHistoryResponseDto {
  @ApiProperty({ type: [MessageResponseDto] })
  messages!: MessageResponseDto[];

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Pass as `before` to get the next (older) page; null on the last page.',
  })
  next_before!: string | null;
}
