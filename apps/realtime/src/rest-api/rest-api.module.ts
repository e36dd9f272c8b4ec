import { Module } from '@nestjs/common';
import { ChannelsController } from './channels.controller';
import { EventsController } from './events.controller';
import { RedisTriggerIdempotency } from './redis-trigger-idempotency';
import { RestAuthGuard } from './rest-auth.guard';
import { RestBodyReader } from './rest-body.reader';
import { TriggerIdempotency } from './trigger-idempotency';
import { TriggerService } from './trigger.service';
import { UnknownRouteController } from './unknown-route.controller';
import { UsersController } from './users.controller';

/**
 * The Pusher REST API on the realtime port: `/apps/{id}/events`, `/batch_events`, `/channels`,
 * `/channels/{name}`, `/channels/{name}/users`, `/users/{id}/terminate_connections`. Needs AppRegistry
 * and ChannelDirectory from the app.
 */
@Module({
  // UnknownRouteController last: it answers whatever the others do not.
  controllers: [EventsController, ChannelsController, UsersController, UnknownRouteController],
  providers: [RestBodyReader, RestAuthGuard, TriggerService, { provide: TriggerIdempotency, useClass: RedisTriggerIdempotency }],
})
export class RestApiModule {}
