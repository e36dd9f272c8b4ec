import { Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AdminTokenGuard } from '../access/admin-token.guard';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { SECURITY } from '../openapi/openapi-document';
import { AcceptedMessageResponseDto, MessageResponseDto } from './dto/message-response.dto';
import { messageIdPipe } from './messages.controller';
import { MessagesService } from './messages.service';

/** Operators' view of any app's messages. */
@ApiTags('admin')
@ApiSecurity(SECURITY.admin)
@UseGuards(AdminTokenGuard)
@Controller('admin/messages')
export class AdminMessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Get(':id')
  @ApiOperation({ summary: 'Get any message and its delivery status' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: MessageResponseDto })
  @ApiErrors(400, 401, 403, 404)
  async get(@Param('id', messageIdPipe) id: string): Promise<MessageResponseDto> {
    return MessageResponseDto.of(await this.messages.get(id));
  }

  @Post(':id/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Retry any failed message', description: 'Moves a `failed` message back to `queued` and queues it again.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiAcceptedResponse({ type: AcceptedMessageResponseDto })
  @ApiErrors(400, 401, 403, 404, 409)
  async retry(@Param('id', messageIdPipe) id: string): Promise<AcceptedMessageResponseDto> {
    return AcceptedMessageResponseDto.of(await this.messages.retry(id));
  }
}
