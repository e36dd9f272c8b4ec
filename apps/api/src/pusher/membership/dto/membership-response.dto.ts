import { ApiProperty } from '@nestjs/swagger';
import { ChannelMember, ChannelMembersPage, MemberSocket, Platform, PLATFORMS, PlatformCounts, UserChannels } from '@app/contracts';

export class SubscribeMemberResponseDto {
  @ApiProperty({ description: 'False when the entry existed and was refreshed.', example: true })
  created!: boolean;

  @ApiProperty({ description: 'Refresh the entry (repeat the subscribe) within this many seconds.', example: 120 })
  ttl_seconds!: number;
}

export class UnsubscribeMemberResponseDto {
  @ApiProperty({ description: 'Entries removed.', example: 1 })
  removed!: number;
}

export class MemberSocketDto implements MemberSocket {
  @ApiProperty({ example: '123456.7890123' })
  socketId!: string;

  @ApiProperty({ enum: PLATFORMS })
  platform!: Platform;

  @ApiProperty({ description: 'Unix ms.', example: 1763800000000 })
  joinedAt!: number;

  @ApiProperty({ description: 'Unix ms of the last subscribe (heartbeat).', example: 1763800060000 })
  lastSeenAt!: number;
}

export class ChannelMemberDto implements ChannelMember {
  @ApiProperty({ example: 'u-1' })
  userId!: string;

  @ApiProperty({ enum: PLATFORMS, isArray: true, example: ['Web', 'iOS'] })
  platforms!: Platform[];

  @ApiProperty({ type: [MemberSocketDto] })
  sockets!: MemberSocketDto[];
}

export class PlatformCountsDto implements PlatformCounts {
  @ApiProperty({ example: 70000 })
  Web!: number;

  @ApiProperty({ example: 20000 })
  iOS!: number;

  @ApiProperty({ example: 10000 })
  Android!: number;
}

export class ChannelMembersPageDto implements ChannelMembersPage {
  @ApiProperty({ example: 'presence-room-lobby' })
  channel!: string;

  @ApiProperty({ description: 'Distinct users.', example: 100000 })
  total!: number;

  @ApiProperty({ description: 'Registered sockets.', example: 120000 })
  sockets!: number;

  @ApiProperty({ type: PlatformCountsDto, description: 'Distinct users per platform.' })
  platforms!: PlatformCountsDto;

  @ApiProperty({ type: [ChannelMemberDto] })
  members!: ChannelMemberDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Cursor of the next page; null on the last page.', example: 'u-0100' })
  nextCursor!: string | null;
}

export class UserChannelDto {
  @ApiProperty({ example: 'presence-room-lobby' })
  channel!: string;

  @ApiProperty({ example: 2 })
  sockets!: number;
}

export class UserChannelsDto implements UserChannels {
  @ApiProperty({ example: 'u-1' })
  userId!: string;

  @ApiProperty({ type: [UserChannelDto] })
  channels!: UserChannelDto[];
}
