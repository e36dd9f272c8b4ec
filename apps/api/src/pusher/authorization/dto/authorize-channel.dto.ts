import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

/** What pusher-js posts (form-encoded) to `/pusher/auth`; JSON works too. */
export class AuthorizeChannelDto {
  @ApiProperty({ description: 'The connection asking (pusher-js fills it in).', example: '123456.7890123' })
  @IsString()
  socket_id!: string;

  @ApiProperty({ description: 'A private-, presence- or private-encrypted- channel.', example: 'presence-room-lobby' })
  @IsString()
  channel_name!: string;

  @ApiPropertyOptional({ description: 'Key of the app to sign for; the default app when absent (or use X-Pusher-App-Key).' })
  @IsOptional()
  @IsString()
  app_key?: string;
}

/** What pusher-js posts (form-encoded) to `/pusher/user-auth` on `pusher.signin()`. */
export class AuthenticateUserDto {
  @ApiProperty({ example: '123456.7890123' })
  @IsString()
  socket_id!: string;

  @ApiPropertyOptional({ description: 'Key of the app to sign for; the default app when absent.' })
  @IsOptional()
  @IsString()
  app_key?: string;
}

/** The answer pusher-js expects from a channel authorization endpoint. */
export class ChannelAuthResponseDto {
  @ApiProperty({
    description: '`key:hex(HMAC-SHA256(secret, socket_id:channel[:channel_data]))`',
    example: 'app-key:58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4',
  })
  auth!: string;

  @ApiPropertyOptional({
    description: 'Presence only: the member, from the token (user_id = sub, user_info from name/info).',
    example: '{"user_id":"u-1","user_info":{"name":"Ada"}}',
  })
  channel_data?: string;

  @ApiPropertyOptional({
    description: 'private-encrypted- only: base64 of the channel key derived from the app master key.',
    example: 'c2hhcmVkLXNlY3JldC1vZi10aGUtY2hhbm5lbC0xMjM=',
  })
  shared_secret?: string;
}

/** The answer pusher-js expects from a user authentication endpoint. */
export class UserAuthResponseDto {
  @ApiProperty({
    description: '`key:hex(HMAC-SHA256(secret, socket_id::user::user_data))`',
    example: 'app-key:211a827e37df2c47a65c08832317d6065b6f7c82f238137cc7e8ecd3e2d38bfb',
  })
  auth!: string;

  @ApiProperty({ description: 'JSON string `{id, user_info?}` from the token.', example: '{"id":"u-1","user_info":{"name":"Ada"}}' })
  user_data!: string;
}
