import { Controller, Get, Param, Query, UseFilters, UseGuards } from '@nestjs/common';
import { channelKind, validateChannelName } from '@app/pusher-protocol';
import type { RealtimeApp } from '../../app-registry/realtime-app';
import { ChannelDirectory } from '../../channels/channel-directory';
import { CurrentApp } from '../auth/current-app.decorator';
import { RestAuthGuard } from '../auth/rest-auth.guard';
import { RestApiError } from '../errors/rest-api.error';
import { RestApiExceptionFilter } from '../errors/rest-api.exception-filter';
import { channelAttributes, parseInfo } from './info-attributes';

/** Channel queries of the Pusher REST API, answered from cluster-wide state (PROTOCOL.md §2.6, §2.7). */
@Controller('apps/:appId/channels')
@UseGuards(RestAuthGuard)
@UseFilters(RestApiExceptionFilter)
export class ChannelsController {
  constructor(private readonly channels: ChannelDirectory) {}

  /** Occupied channels; `user_count` only with a `presence-` prefix filter, as on Pusher. */
  @Get()
  async list(@CurrentApp() app: RealtimeApp, @Query('filter_by_prefix') prefix?: string, @Query('info') rawInfo?: string) {
    const info = parseInfo(rawInfo);
    if (prefix !== undefined && typeof prefix !== 'string') throw new RestApiError(400, 'filter_by_prefix must be given once');
    if (info.userCount && !(prefix ?? '').startsWith('presence-')) {
      throw new RestApiError(
        400,
        'user_count may only be requested for presence channels - please supply filter_by_prefix beginning with presence-',
      );
    }
    const summaries = await this.channels.listChannels(app, prefix ? { prefix } : {});
    return { channels: Object.fromEntries(summaries.map((summary) => [summary.name, channelAttributes(summary.name, summary, info)])) };
  }

  /** `{occupied}` plus the requested counts; `user_count` only for presence channels (400 otherwise). */
  @Get(':channelName')
  async show(@CurrentApp() app: RealtimeApp, @Param('channelName') channel: string, @Query('info') rawInfo?: string) {
    assertChannelName(channel);
    const info = parseInfo(rawInfo);
    if (info.userCount && channelKind(channel) !== 'presence') {
      throw new RestApiError(400, 'Cannot retrieve the user count unless the channel is a presence channel');
    }
    const state = await this.channels.channelInfo(app, channel);
    return { occupied: state.occupied, ...channelAttributes(channel, state, info) };
  }

  /** Distinct user ids of a presence channel. */
  @Get(':channelName/users')
  async users(@CurrentApp() app: RealtimeApp, @Param('channelName') channel: string) {
    assertChannelName(channel);
    if (channelKind(channel) !== 'presence') {
      throw new RestApiError(400, `Users can only be listed for presence channels; "${channel}" is not one`);
    }
    const ids = await this.channels.presenceUserIds(app, channel);
    return { users: ids.map((id) => ({ id })) };
  }
}

function assertChannelName(channel: string): void {
  const reason = validateChannelName(channel);
  if (reason !== null) throw new RestApiError(400, reason);
}
