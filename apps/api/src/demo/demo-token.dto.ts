import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';

/** Body of `POST /demo/token`. */
export class CreateDemoTokenDto {
  @ApiProperty({ description: 'Display name shown to other members.', example: 'Ada', minLength: 1, maxLength: 50 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 50)
  name!: string;
}

export class DemoTokenResponseDto {
  @ApiProperty({ description: 'HS256 end-user token to send as `Authorization: Bearer`.' })
  token!: string;

  @ApiProperty({ description: 'The random user id (the token `sub`).', example: '6f1c0f5e-8d7b-4f55-9a43-3d7f2c1f6a10' })
  userId!: string;

  @ApiProperty({ example: 'Ada' })
  name!: string;

  @ApiProperty({ description: 'Unix seconds.', example: 1763803600 })
  expiresAt!: number;

  @ApiProperty({ example: ['presence-room-*', 'private-room-*', 'private-encrypted-room-*'] })
  listen!: string[];

  @ApiProperty({ example: ['presence-room-*', 'private-room-*'] })
  publish!: string[];
}
