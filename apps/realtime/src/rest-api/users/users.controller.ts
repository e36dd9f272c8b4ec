import { Controller, HttpCode, Param, Post, UseFilters, UseGuards } from '@nestjs/common';
import type { RealtimeApp } from '../../app-registry/realtime-app';
import { ChannelDirectory } from '../../channels/channel-directory';
import { CurrentApp } from '../auth/current-app.decorator';
import { RestAuthGuard } from '../auth/rest-auth.guard';
import { RestApiError } from '../errors/rest-api.error';
import { RestApiExceptionFilter } from '../errors/rest-api.exception-filter';

/** `POST /apps/{id}/users/{userId}/terminate_connections`: closes the user's sockets on every node (4009). */
@Controller('apps/:appId/users')
@UseGuards(RestAuthGuard)
@UseFilters(RestApiExceptionFilter)
export class UsersController {
  constructor(private readonly channels: ChannelDirectory) {}

  @Post(':userId/terminate_connections')
  @HttpCode(200)
  async terminateConnections(@CurrentApp() app: RealtimeApp, @Param('userId') userId: string): Promise<object> {
    if (userId.length === 0 || userId.length > 200) throw new RestApiError(400, 'user id must be 1 to 200 characters');
    await this.channels.terminateUserConnections(app, userId);
    return {};
  }
}
