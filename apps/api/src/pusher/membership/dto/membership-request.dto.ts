import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Platform, PLATFORMS, SubscribeMemberRequest, UnsubscribeMemberRequest } from '@app/contracts';

/** Body of `POST /pusher/subscribe`. */
export class SubscribeMemberDto implements SubscribeMemberRequest {
  @ApiProperty({ example: '123456.7890123' })
  @IsString()
  socket_id!: string;

  @ApiProperty({ example: 'presence-room-lobby' })
  @IsString()
  channel!: string;

  @ApiProperty({ description: "Must be the token's user (sub).", example: 'u-1' })
  @IsString()
  user_id!: string;

  @ApiProperty({ enum: PLATFORMS, example: 'Web' })
  @IsIn(PLATFORMS, { message: `platform must be one of ${PLATFORMS.join(', ')}` })
  platform!: Platform;

  @ApiPropertyOptional({ description: 'Key of the app; the default app when absent (or use X-Pusher-App-Key).' })
  @IsOptional()
  @IsString()
  app_key?: string;
}

/**
 * Body of `POST /pusher/unsubscribe`. The registration fields `user_id` and `platform` are accepted
 * (clients resend what they registered); `token` carries the bearer token for `navigator.sendBeacon`.
 */
export class UnsubscribeMemberDto implements UnsubscribeMemberRequest {
  @ApiProperty({ example: '123456.7890123' })
  @IsString()
  socket_id!: string;

  @ApiPropertyOptional({ description: 'Only this channel; every channel of the socket when absent.', example: 'presence-room-lobby' })
  @IsOptional()
  @IsString()
  channel?: string;

  @ApiPropertyOptional({ description: "Ignored beyond a check: entries are removed only for the token's user." })
  @IsOptional()
  @IsString()
  user_id?: string;

  @ApiPropertyOptional({ enum: PLATFORMS, description: 'Ignored.' })
  @IsOptional()
  @IsString()
  platform?: string;

  @ApiPropertyOptional({ description: 'The bearer token, for beacons that cannot send an Authorization header.' })
  @IsOptional()
  @IsString()
  token?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  app_key?: string;
}

/** Selects the app of a read (default app when absent, or use X-Pusher-App-Key). */
export class AppKeyQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  app_key?: string;
}

/** Query of `GET /channels/{channel}/members`. */
export class ListMembersQueryDto extends AppKeyQueryDto {
  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page.', example: 'u-0042' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
