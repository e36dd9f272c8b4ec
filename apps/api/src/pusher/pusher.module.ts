import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { AuthModule } from '../auth';
import { AppLookupService } from './app-lookup.service';
import { ChannelAuthController } from './authorization/channel-auth.controller';
import { ChannelAuthService } from './authorization/channel-auth.service';
import { beaconBodyMiddleware } from './membership/beacon-body.middleware';
import { MembershipReaderGuard } from './membership/membership-reader.guard';
import { MembershipSweeper } from './membership/membership-sweeper.service';
import { MembershipController } from './membership/membership.controller';
import { MembershipMetrics } from './membership/membership.metrics';
import { MembershipRepository } from './membership/membership.repository';
import { RedisMembershipRepository } from './membership/redis-membership.repository';
import { MembershipWebhookService } from './webhooks/membership-webhook.service';
import { WebhooksController } from './webhooks/webhooks.controller';

/**
 * The Pusher side of the api: channel authorization and user sign-in for end users, the membership
 * registry (Redis, no member cap) and the webhook receiver that keeps it true.
 */
@Module({
  imports: [AuthModule, AppsModule],
  controllers: [ChannelAuthController, MembershipController, WebhooksController],
  providers: [
    AppLookupService,
    ChannelAuthService,
    { provide: MembershipRepository, useClass: RedisMembershipRepository },
    MembershipMetrics,
    MembershipReaderGuard,
    MembershipSweeper,
    MembershipWebhookService,
  ],
  exports: [MembershipRepository],
})
export class PusherModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(beaconBodyMiddleware).forRoutes({ path: 'pusher/unsubscribe', method: RequestMethod.POST });
  }
}
