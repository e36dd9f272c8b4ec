import { Controller, Headers, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import {
  ApiBadRequestResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { parseWebhookBody, verifyWebhook, WEBHOOK_HEADERS } from '@app/pusher-protocol';
import { DomainException } from '../../common/domain.exception';
import { ErrorCode } from '../../common/error-code';
import { AppLookupService } from '../app-lookup.service';
import { MembershipWebhookService } from './membership-webhook.service';

class WebhookReceivedDto {
  @ApiProperty({ description: 'Events in the request.', example: 1 })
  events!: number;

  @ApiProperty({ description: 'Membership entries removed.', example: 2 })
  removed!: number;
}

/**
 * Receives Pusher webhooks (from our realtime server or hosted Pusher) for the membership registry.
 * Not rate limited: every realtime node posts from one address, and the signature already gates it.
 */
@ApiTags('pusher')
@SkipThrottle()
@Controller('pusher')
export class WebhooksController {
  constructor(
    @Inject(AppLookupService) private readonly apps: AppLookupService,
    @Inject(MembershipWebhookService) private readonly membership: MembershipWebhookService,
  ) {}

  @Post('webhooks')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Pusher webhook receiver',
    description:
      'Verifies `X-Pusher-Signature` (hex HMAC-SHA256 of the raw body with the secret of the app named by `X-Pusher-Key`), then ' +
      'applies `member_removed` and `channel_vacated` to the membership registry. Body: `{time_ms, events: [...]}`.',
  })
  @ApiHeader({ name: 'X-Pusher-Key', required: true })
  @ApiHeader({ name: 'X-Pusher-Signature', required: true })
  @ApiOkResponse({ type: WebhookReceivedDto })
  @ApiUnauthorizedResponse({ description: 'Unknown key or bad signature.' })
  @ApiBadRequestResponse({ description: 'Body is not a webhook body.' })
  async receive(
    @Req() request: Request & { rawBody?: Buffer },
    @Headers(WEBHOOK_HEADERS.key) key: string | undefined,
    @Headers(WEBHOOK_HEADERS.signature) signature: string | undefined,
  ): Promise<WebhookReceivedDto> {
    if (!key || !signature)
      throw new DomainException(ErrorCode.Unauthenticated, 'X-Pusher-Key and X-Pusher-Signature headers are required');
    // The signature covers the exact bytes sent, so only the raw body will do.
    if (!request.rawBody) throw DomainException.validation('body', 'Webhook body must be application/json');
    const raw = request.rawBody.toString('utf8');
    const app = await this.apps.byKey(key);
    // Same answer for an unknown key and a bad signature, so keys cannot be probed.
    if (!app || !verifyWebhook(app.secret, raw, signature))
      throw new DomainException(ErrorCode.Unauthenticated, 'Invalid webhook key or signature');
    const body = parseWebhookBody(raw);
    if (typeof body === 'string') throw DomainException.validation('body', body);
    return this.membership.apply(app.id, body);
  }
}
