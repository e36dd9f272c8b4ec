import { Body, Controller, HttpCode, Inject, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConsumes,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentUser, EndUser, EndUserGuard } from '../../auth';
import { SECURITY } from '../../openapi/openapi-document';
import { AppLookupService } from '../app-lookup.service';
import { ChannelAuthService } from './channel-auth.service';
import { AuthenticateUserDto, AuthorizeChannelDto, ChannelAuthResponseDto, UserAuthResponseDto } from './dto/authorize-channel.dto';

/** pusher-js `channelAuthorization` and `userAuthentication` endpoints for end users. */
@ApiTags('pusher')
@ApiSecurity(SECURITY.user)
@ApiHeader({ name: 'X-Pusher-App-Key', required: false, description: 'Key of the app to sign for (default app when absent).' })
@ApiConsumes('application/x-www-form-urlencoded', 'application/json')
@ApiUnauthorizedResponse({ description: 'Token missing, expired, forged or with unusable claims.' })
@ApiNotFoundResponse({ description: 'No app has the requested key.' })
@Controller('pusher')
@UseGuards(EndUserGuard)
export class ChannelAuthController {
  constructor(
    @Inject(ChannelAuthService) private readonly auth: ChannelAuthService,
    @Inject(AppLookupService) private readonly apps: AppLookupService,
  ) {}

  @Post('auth')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Authorize a private, presence or encrypted channel subscription',
    description:
      'Signs `socket_id:channel_name` with the app secret. Presence channels get `channel_data` built from the token ' +
      '(user_id = sub, user_info = info plus name); private-encrypted- channels get `shared_secret` derived from the app master key.',
  })
  @ApiOkResponse({ type: ChannelAuthResponseDto })
  @ApiBadRequestResponse({ description: 'Malformed socket id or channel name, or a channel that needs no authorization.' })
  @ApiForbiddenResponse({ description: "Channel outside the token's `listen` patterns, app disabled, or encryption not configured." })
  async authorizeChannel(
    @Req() request: Request,
    @CurrentUser() user: EndUser,
    @Body() body: AuthorizeChannelDto,
  ): Promise<ChannelAuthResponseDto> {
    const app = await this.apps.forRequest(request);
    return this.auth.authorizeChannel(app, user, body.socket_id, body.channel_name);
  }

  @Post('user-auth')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in a connection as the token user (pusher-js `signin()`)' })
  @ApiOkResponse({ type: UserAuthResponseDto })
  @ApiBadRequestResponse({ description: 'Malformed socket id.' })
  @ApiForbiddenResponse({ description: 'App disabled.' })
  async authenticateUser(
    @Req() request: Request,
    @CurrentUser() user: EndUser,
    @Body() body: AuthenticateUserDto,
  ): Promise<UserAuthResponseDto> {
    const app = await this.apps.forRequest(request);
    return this.auth.authenticateUser(app, user, body.socket_id);
  }
}
