import { applyDecorators, Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AppEntity } from '@app/database';
import { AppCredentialsGuard, CurrentApp } from '../access/app-credentials.guard';
import { DomainException } from '../common/domain.exception';
import { ApiErrors, ApiIdempotencyKey } from '../openapi/api-errors.decorator';
import { SECURITY } from '../openapi/openapi-document';
import { AcceptedMessageResponseDto, MessageResponseDto } from './dto/message-response.dto';
import { PublishMessageDto } from './dto/publish-message.dto';
import { IdempotencyKey } from './idempotency-key.decorator';
import { assertChannelsAllowed, MessageCallerGuard, type MessageCallerRequest } from './message-caller.guard';
import { MessagesService } from './messages.service';

/** `:id` must be a UUID; anything else is a 400 on the `id` field. */
export const messageIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => DomainException.validation('id', 'id must be a message id (UUID)'),
});

/** The documented answers of both publish routes. */
const ApiPublishResponses = () =>
  applyDecorators(
    ApiIdempotencyKey(),
    ApiAcceptedResponse({
      type: AcceptedMessageResponseDto,
      description: 'Stored and queued (or, for a repeated Idempotency-Key, the first message).',
      headers: { Location: { description: 'URL of the message status', schema: { type: 'string' } } },
    }),
    ApiErrors(400, 401, 403, 413, 422),
  );

/** Reliable publishing for server-side callers, and the status of what they published. */
@ApiTags('messages')
@Controller()
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Post('messages')
  @HttpCode(202)
  @UseGuards(MessageCallerGuard)
  @ApiSecurity(SECURITY.app)
  @ApiSecurity(SECURITY.signed)
  @ApiSecurity(SECURITY.user)
  @ApiOperation({
    summary: 'Publish an event reliably',
    description:
      'Validates the event, stores it (status `queued`) and queues it for delivery by a worker, then answers 202. ' +
      'A 202 means the message is durably stored and queued; on 503 nothing was acknowledged and the request may be retried, ' +
      'best with an Idempotency-Key so a retry cannot create a second message. ' +
      "Servers authenticate with their app's key and secret (HTTP Basic) or sign the request the Pusher way; end users with " +
      'their bearer token, publishing to the default app on the channels their `publish` claim allows (403 otherwise).',
  })
  @ApiPublishResponses()
  async publish(
    @CurrentApp() app: AppEntity,
    @Body() dto: PublishMessageDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Req() request: MessageCallerRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AcceptedMessageResponseDto> {
    assertChannelsAllowed(request, dto.channels ?? [dto.channel as string], 'publish');
    const { message } = await this.messages.publish(app, dto, idempotencyKey);
    response.setHeader('Location', `/messages/${message.id}`);
    return AcceptedMessageResponseDto.of(message);
  }

  /**
   * `POST /messages` where the `pusher` SDK sends it: its requests always go to `/apps/{appId}/...`, so
   * `pusher.post({ path: '/messages', body })` pointed at the api publishes reliably with no other change.
   */
  @Post('apps/:appId/messages')
  @HttpCode(202)
  @UseGuards(AppCredentialsGuard)
  @ApiSecurity(SECURITY.signed)
  @ApiSecurity(SECURITY.app)
  @ApiOperation({
    summary: 'Publish an event reliably (Pusher SDK path)',
    description:
      '`POST /messages` at the path the `pusher` server SDK signs and sends to: `pusher.post({ path: "/messages", body })` with the ' +
      "SDK's host and port set to the api's. The credentials must be those of the app in the path.",
  })
  @ApiParam({ name: 'appId', description: 'Id of the app the credentials belong to.', example: 'app-id' })
  @ApiPublishResponses()
  async publishAtAppPath(
    @CurrentApp() app: AppEntity,
    @Body() dto: PublishMessageDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Req() request: MessageCallerRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AcceptedMessageResponseDto> {
    return this.publish(app, dto, idempotencyKey, request, response);
  }

  @Get('messages/:id')
  @UseGuards(AppCredentialsGuard)
  @ApiSecurity(SECURITY.app)
  @ApiSecurity(SECURITY.signed)
  @ApiOperation({
    summary: 'Get a message and its delivery status',
    description: 'Status, attempts, last error and times of a message of the app.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: MessageResponseDto })
  @ApiErrors(400, 401, 403, 404)
  async get(@CurrentApp() app: AppEntity, @Param('id', messageIdPipe) id: string): Promise<MessageResponseDto> {
    return MessageResponseDto.of(await this.messages.get(id, app.id));
  }

  @Post('messages/:id/retry')
  @HttpCode(202)
  @UseGuards(AppCredentialsGuard)
  @ApiSecurity(SECURITY.app)
  @ApiSecurity(SECURITY.signed)
  @ApiOperation({
    summary: 'Retry a failed message',
    description: 'Moves a `failed` message of the app back to `queued` and queues it again.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiAcceptedResponse({ type: AcceptedMessageResponseDto })
  @ApiErrors(400, 401, 403, 404, 409)
  async retry(@CurrentApp() app: AppEntity, @Param('id', messageIdPipe) id: string): Promise<AcceptedMessageResponseDto> {
    return AcceptedMessageResponseDto.of(await this.messages.retry(id, app.id));
  }
}
