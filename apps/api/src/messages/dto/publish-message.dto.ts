import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsOptional, ValidateIf } from 'class-validator';
import { MAX_CHANNELS_PER_TRIGGER } from '@app/pusher-protocol';
import { IsChannelName, IsNotWith, IsPresent, IsPublishableEventName, IsSocketId } from './message-field.validators';

/** `POST /messages`: one event for one channel or up to 100 channels. */
export class PublishMessageDto {
  @ApiPropertyOptional({ description: 'The one channel to publish to (alternative to `channels`).', example: 'private-chat' })
  @ValidateIf((dto: PublishMessageDto) => dto.channel !== undefined || dto.channels === undefined)
  @IsDefined({ message: 'give channel or channels' })
  @IsChannelName()
  channel?: string;

  @ApiPropertyOptional({
    description: `Channels to publish to, 1 to ${MAX_CHANNELS_PER_TRIGGER} (alternative to \`channel\`). Duplicates count once.`,
    type: [String],
    minItems: 1,
    maxItems: MAX_CHANNELS_PER_TRIGGER,
    example: ['presence-lobby', 'private-user-42'],
  })
  @IsOptional()
  @IsNotWith('channel')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CHANNELS_PER_TRIGGER)
  @IsChannelName({ each: true })
  channels?: string[];

  @ApiProperty({ description: 'Event name, 1-200 characters; `pusher:` and `pusher_internal:` are reserved.', example: 'new-message' })
  @IsPublishableEventName()
  event!: string;

  @ApiProperty({
    description:
      'Event data. A string is delivered byte for byte; any other JSON value is JSON-encoded once. ' +
      "Its UTF-8 size must fit the app's max_event_bytes (10 KB by default), else 413.",
    oneOf: [{ type: 'string' }, { type: 'object' }, { type: 'array', items: {} }, { type: 'number' }, { type: 'boolean' }],
    nullable: true,
    example: '{"text":"hello"}',
  })
  // Kept exactly as parsed: no conversion may touch the caller's payload.
  @Transform(({ obj }) => (obj as Record<string, unknown>).data, { toClassOnly: true })
  @IsPresent({ message: 'data is required: a string or any JSON value' })
  data!: unknown;

  @ApiPropertyOptional({ description: 'Socket to leave out of delivery (the sender’s own connection).', example: '1234.5678' })
  @IsOptional()
  @IsSocketId()
  socket_id?: string;
}
