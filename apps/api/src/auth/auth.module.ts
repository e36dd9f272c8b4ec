import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { EndUserGuard } from './end-user.guard';
import { EndUserTokenService } from './end-user-token.service';

/**
 * End-user identity: verifies bearer tokens from the customer's backend. Import it where routes take
 * end users, then `@UseGuards(EndUserGuard)` and `@CurrentUser()`; check channels with `canListen`/`canPublish`.
 */
@Module({
  // Keys are chosen per token (HS256 secret or RS256 public key), so none are registered here.
  imports: [JwtModule.register({})],
  providers: [EndUserTokenService, EndUserGuard],
  exports: [EndUserTokenService, EndUserGuard],
})
export class AuthModule {}
