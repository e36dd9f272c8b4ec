import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  ApiBadRequestResponse,
  ApiConsumes,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { AppConfig } from '@app/config';
import { CurrentUser, EndUser, EndUserGuard } from '../../auth';
import { DomainException } from '../../common/domain.exception';
import { ErrorCode } from '../../common/error-code';
import { SECURITY } from '../../openapi/openapi-document';
import { AppLookupService } from '../app-lookup.service';
import { requireChannelName, requireListen, requireSocketId, requireTokenUser } from '../pusher-input';
import { AppKeyQueryDto, ListMembersQueryDto, SubscribeMemberDto, UnsubscribeMemberDto } from './dto/membership-request.dto';
import {
  ChannelMembersPageDto,
  SubscribeMemberResponseDto,
  UnsubscribeMemberResponseDto,
  UserChannelsDto,
} from './dto/membership-response.dto';
import { MembershipReaderGuard, MembershipReaderRequest } from './membership-reader.guard';
import { MembershipMetrics } from './membership.metrics';
import { MembershipRepository } from './membership.repository';

const DEFAULT_PAGE_SIZE = 100;

/** The membership registry: who is in which channel, from every platform, with no member cap. */
@ApiTags('membership')
@ApiSecurity(SECURITY.user)
@ApiHeader({ name: 'X-Pusher-App-Key', required: false, description: 'Key of the app (default app when absent).' })
@ApiUnauthorizedResponse({ description: 'Token missing, expired or forged.' })
@ApiNotFoundResponse({ description: 'No app has the requested key.' })
@Controller()
export class MembershipController {
  private readonly ttlSeconds: number;

  constructor(
    @Inject(MembershipRepository) private readonly registry: MembershipRepository,
    @Inject(AppLookupService) private readonly apps: AppLookupService,
    @Inject(MembershipMetrics) private readonly metrics: MembershipMetrics,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    this.ttlSeconds = config.getOrThrow('api', { infer: true }).membership.ttlSeconds;
  }

  @Post('pusher/subscribe')
  @HttpCode(200)
  @UseGuards(EndUserGuard)
  @ApiOperation({
    summary: 'Register (or refresh) a socket of the signed-in user in a channel',
    description: `Send after \`pusher:subscription_succeeded\`, then repeat within \`ttl_seconds\` while subscribed; an entry not refreshed in time expires.`,
  })
  @ApiOkResponse({ type: SubscribeMemberResponseDto })
  @ApiBadRequestResponse({ description: 'Malformed socket id, channel or platform.' })
  @ApiForbiddenResponse({ description: "user_id is not the token's user, or the channel is outside its `listen` patterns." })
  async subscribe(
    @Req() request: Request,
    @CurrentUser() user: EndUser,
    @Body() body: SubscribeMemberDto,
  ): Promise<SubscribeMemberResponseDto> {
    requireSocketId(body.socket_id);
    requireChannelName(body.channel, 'channel');
    requireTokenUser(user, body.user_id);
    requireListen(user, body.channel);
    const app = await this.apps.forRequest(request);
    const created = await this.registry.subscribe(app.id, {
      socketId: body.socket_id,
      channel: body.channel,
      userId: user.id,
      platform: body.platform,
    });
    this.metrics.count(created ? 'added' : 'refreshed');
    return { created, ttl_seconds: this.ttlSeconds };
  }

  @Post('pusher/unsubscribe')
  @HttpCode(200)
  @UseGuards(EndUserGuard)
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded', 'text/plain')
  @ApiOperation({
    summary: 'Remove a socket of the signed-in user from one channel, or from every channel',
    description: 'Also accepts `navigator.sendBeacon` bodies (text/plain JSON or form fields) with the token in a `token` field.',
  })
  @ApiOkResponse({ type: UnsubscribeMemberResponseDto })
  @ApiBadRequestResponse({ description: 'Malformed socket id or channel.' })
  @ApiForbiddenResponse({ description: "user_id is not the token's user." })
  async unsubscribe(
    @Req() request: Request,
    @CurrentUser() user: EndUser,
    @Body() body: UnsubscribeMemberDto,
  ): Promise<UnsubscribeMemberResponseDto> {
    requireSocketId(body.socket_id);
    if (body.channel !== undefined) requireChannelName(body.channel, 'channel');
    requireTokenUser(user, body.user_id);
    const app = await this.apps.forRequest(request);
    const removed = await this.registry.unsubscribe(app.id, body.socket_id, { channel: body.channel, userId: user.id });
    this.metrics.count('unsubscribed', removed);
    return { removed };
  }

  @Get('channels/:channel/members')
  @UseGuards(MembershipReaderGuard)
  @ApiSecurity(SECURITY.admin)
  @ApiOperation({
    summary: 'Page through the distinct users of a channel',
    description:
      "In user-id order with each user's sockets and platforms, plus totals. O(page) at any channel size. End users may read channels they may listen to; the admin token reads all.",
  })
  @ApiParam({ name: 'channel', example: 'presence-room-lobby' })
  @ApiOkResponse({ type: ChannelMembersPageDto })
  @ApiBadRequestResponse({ description: 'Malformed channel, cursor or limit.' })
  @ApiForbiddenResponse({ description: "Channel outside the token's `listen` patterns." })
  async members(
    @Req() request: MembershipReaderRequest,
    @Param('channel') channel: string,
    @Query() query: ListMembersQueryDto,
  ): Promise<ChannelMembersPageDto> {
    requireChannelName(channel, 'channel');
    if (!request.admin && request.endUser) requireListen(request.endUser, channel);
    const app = await this.apps.forRequest(request);
    return this.registry.listMembers(app.id, channel, { cursor: query.cursor, limit: query.limit ?? DEFAULT_PAGE_SIZE });
  }

  @Get('users/:userId/channels')
  @UseGuards(MembershipReaderGuard)
  @ApiSecurity(SECURITY.admin)
  @ApiOperation({
    summary: 'The channels a user is registered in',
    description: 'End users may read only their own; the admin token reads anyone.',
  })
  @ApiParam({ name: 'userId', example: 'u-1' })
  @ApiOkResponse({ type: UserChannelsDto })
  @ApiForbiddenResponse({ description: "Another user's channels." })
  async userChannels(
    @Req() request: MembershipReaderRequest,
    @Param('userId') userId: string,
    @Query() _query: AppKeyQueryDto,
  ): Promise<UserChannelsDto> {
    if (!request.admin && request.endUser?.id !== userId) {
      throw new DomainException(ErrorCode.Forbidden, 'An end user may only list their own channels');
    }
    const app = await this.apps.forRequest(request);
    return this.registry.userChannels(app.id, userId);
  }
}
