import { Controller, Get, Param, Query, Req, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { AppEntity } from '@app/database';
import { validateChannelName } from '@app/pusher-protocol';
import { CurrentApp } from '../access/app-credentials.guard';
import { DomainException } from '../common/domain.exception';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { SECURITY } from '../openapi/openapi-document';
import { ChannelHistoryQueryDto } from './dto/channel-history-query.dto';
import { MessageHistoryResponseDto, MessageResponseDto } from './dto/message-response.dto';
import { assertChannelsAllowed, MessageCallerGuard, type MessageCallerRequest } from './message-caller.guard';
import { MessagesService } from './messages.service';

/** What was published to a channel through `POST /messages`. */
@ApiTags('messages')
@Controller('channels')
export class ChannelHistoryController {
  constructor(private readonly messages: MessagesService) {}

  @Get(':channel/messages')
  @UseGuards(MessageCallerGuard)
  @ApiSecurity(SECURITY.app)
  @ApiSecurity(SECURITY.signed)
  @ApiSecurity(SECURITY.user)
  @ApiOperation({
    summary: "A channel's message history",
    description:
      'Messages published to the channel, newest first, in pages; pass `next_before` as `before` for the next page. ' +
      "End users read the default app's channels that their token's `listen` claim allows (403 otherwise).",
  })
  @ApiParam({ name: 'channel', description: 'Channel name (URL-encoded; `#` as %23).', example: 'private-chat' })
  @ApiOkResponse({ type: MessageHistoryResponseDto })
  @ApiErrors(400, 401, 403)
  async history(
    @CurrentApp() app: AppEntity,
    @Param('channel') channel: string,
    @Query() query: ChannelHistoryQueryDto,
    @Req() request: MessageCallerRequest,
  ): Promise<MessageHistoryResponseDto> {
    const problem = validateChannelName(channel);
    if (problem) throw DomainException.validation('channel', problem);
    assertChannelsAllowed(request, [channel], 'listen');
    const page = await this.messages.history(app.id, channel, query.limit, query.cursor());
    return { messages: page.messages.map((message) => MessageResponseDto.of(message)), next_before: page.nextBefore };
  }
}
