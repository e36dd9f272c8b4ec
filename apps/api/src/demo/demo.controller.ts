import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AppConfig } from '@app/config';
import { EndUserTokenService } from '../auth';
import { DomainException } from '../common/domain.exception';
import { ErrorCode } from '../common/error-code';
import { CreateDemoTokenDto, DemoTokenResponseDto } from './demo-token.dto';

/** Channels a demo user may subscribe to, and send on. */
export const DEMO_LISTEN = ['presence-room-*', 'private-room-*', 'private-encrypted-room-*'];
export const DEMO_PUBLISH = ['presence-room-*', 'private-room-*'];

/** Mints end-user tokens for the demo pages; exists only with DEMO_MODE on (404 otherwise). */
@ApiTags('demo')
@Controller('demo')
export class DemoController {
  private readonly demo: { enabled: boolean; tokenTtlSeconds: number };

  constructor(
    @Inject(EndUserTokenService) private readonly tokens: EndUserTokenService,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    this.demo = config.getOrThrow('api', { infer: true }).demo;
  }

  @Post('token')
  @ApiOperation({
    summary: 'Mint a short-lived end-user token for a random user id (demo mode only)',
    description:
      'The token may listen on presence-room-*, private-room-* and private-encrypted-room-*, and publish on presence-room-* and private-room-*.',
  })
  @ApiCreatedResponse({ type: DemoTokenResponseDto })
  @ApiBadRequestResponse({ description: 'Name missing or longer than 50 characters.' })
  @ApiNotFoundResponse({ description: 'Demo mode is off.' })
  async mint(@Body() body: CreateDemoTokenDto): Promise<DemoTokenResponseDto> {
    if (!this.demo.enabled) throw new DomainException(ErrorCode.NotFound, 'Demo mode is off: POST /demo/token is not available');
    const { token, user, expiresAt } = await this.tokens.mint(
      { name: body.name, listen: DEMO_LISTEN, publish: DEMO_PUBLISH },
      this.demo.tokenTtlSeconds,
    );
    return { token, userId: user.id, name: body.name, expiresAt, listen: DEMO_LISTEN, publish: DEMO_PUBLISH };
  }
}
