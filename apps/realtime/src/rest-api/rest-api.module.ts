import { Module } from '@nestjs/common';
import { RestAuthGuard } from './auth/rest-auth.guard';
import { RestBodyReader } from './auth/rest-body.reader';
import { ChannelsController } from './channels/channels.controller';
import { UnknownRouteController } from './errors/unknown-route.controller';
import { EventsController } from './triggers/events.controller';
import { RedisTriggerIdempotency } from './triggers/redis-trigger-idempotency';
import { TriggerIdempotency } from './triggers/trigger-idempotency';
import { TriggerService } from './triggers/trigger.service';
import { UsersController } from './users/users.controller';

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
