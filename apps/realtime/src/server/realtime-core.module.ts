import { Global, Logger, Module, Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@app/config';
import { MetricsRegistry } from '@app/observability';
import { createRedisConnection, RedisClient, RedisKeys } from '@app/redis';
import { AppRegistry } from '../app-registry/app-registry';
import { ChannelCache } from '../channels/channel-cache';
import { ChannelDirectory } from '../channels/channel-directory';
import { ChannelEvents } from '../channels/channel-events';
import { ChannelIndex } from '../channels/channel-index';
import { ChannelOccupancy } from '../channels/channel-occupancy';
import { ChannelSubscriptions } from '../channels/channel-subscriptions';
import { RedisChannelDirectory } from '../channels/redis-channel-directory';
import { RedisChannelOccupancy } from '../channels/redis-channel-occupancy';
import { ClusterNode } from '../cluster/cluster-node';
import { NodeIdentity } from '../cluster/node-identity';
import { NodeReaper } from '../cluster/node-reaper';
import { ConnectionRegistry } from '../connection/connection-registry';
import { ConnectionStats } from '../connection/connection-stats';
import { Fanout } from '../fanout/fanout';
import { LocalDelivery } from '../fanout/local-delivery';
import { RedisFanout } from '../fanout/redis-fanout';
import { ClientEventHandler } from '../handlers/client-event.handler';
import { MessageDispatcher } from '../handlers/message-dispatcher';
import { PingHandler } from '../handlers/ping.handler';
import { PongHandler } from '../handlers/pong.handler';
import { SigninHandler } from '../handlers/signin.handler';
import { SubscribeHandler } from '../handlers/subscribe.handler';
import { UnsubscribeHandler } from '../handlers/unsubscribe.handler';
import { PresenceStore } from '../presence/presence-store';
import { RedisPresenceStore } from '../presence/redis-presence-store';
import { WebhookEmitter } from '../webhooks/webhook-emitter';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { LivenessMonitor } from './liveness-monitor';
import { RealtimeServer } from './realtime-server';
import { registerRealtimeMetrics } from './realtime-metrics';
import { OnlineStatus } from '../watchlist/online-status';
import { OnlineUsers } from '../watchlist/online-users';
import { RedisOnlineUsers } from '../watchlist/redis-online-users';
import { WatcherIndex } from '../watchlist/watcher-index';
import { WebSocketGateway } from './websocket-gateway';

type Config = ConfigService<AppConfig, true>;
const realtime = (config: Config) => config.getOrThrow('realtime', { infer: true });
const logger = new Logger('Realtime');
const describe = (error: unknown): string => (error instanceof Error ? error.message : JSON.stringify(error));
const logError = (error: unknown) => logger.warn(`Realtime operation failed: ${describe(error)}`);

/** The hot path is plain classes; this wires them (no DI lookups happen per message). */
const providers: Provider[] = [
  { provide: NodeIdentity, useFactory: () => new NodeIdentity() },
  { provide: ConnectionStats, useFactory: () => new ConnectionStats() },
  { provide: ConnectionRegistry, useFactory: () => new ConnectionRegistry() },
  { provide: ChannelIndex, useFactory: () => new ChannelIndex() },
  { provide: WatcherIndex, useFactory: () => new WatcherIndex() },
  {
    provide: LocalDelivery,
    inject: [ChannelIndex, ConnectionRegistry, WatcherIndex],
    useFactory: (index: ChannelIndex, connections: ConnectionRegistry, watchers: WatcherIndex) =>
      new LocalDelivery(index, connections, watchers),
  },
  {
    provide: RedisFanout,
    inject: [ConfigService, RedisClient, RedisKeys, NodeIdentity, LocalDelivery],
    useFactory: (config: Config, redis: RedisClient, keys: RedisKeys, identity: NodeIdentity, delivery: LocalDelivery) => {
      const subscriber = createRedisConnection(config.getOrThrow('redis', { infer: true }).url, 'pusher-me-realtime-bus', {
        blocking: true,
      });
      subscriber.on('error', () => undefined);
      return new RedisFanout(redis.connection, subscriber, keys, identity, delivery);
    },
  },
  { provide: Fanout, useExisting: RedisFanout },
  {
    provide: PresenceStore,
    inject: [RedisClient, RedisKeys],
    useFactory: (redis: RedisClient, keys: RedisKeys) => new RedisPresenceStore(redis.connection, keys),
  },
  {
    provide: OnlineUsers,
    inject: [RedisClient, RedisKeys],
    useFactory: (redis: RedisClient, keys: RedisKeys) => new RedisOnlineUsers(redis.connection, keys),
  },
  {
    provide: OnlineStatus,
    inject: [OnlineUsers, WatcherIndex, Fanout, NodeIdentity],
    useFactory: (users: OnlineUsers, watchers: WatcherIndex, fanout: Fanout, identity: NodeIdentity) =>
      new OnlineStatus(users, watchers, fanout, identity, logError),
  },
  {
    provide: ChannelOccupancy,
    inject: [RedisClient, RedisKeys],
    useFactory: (redis: RedisClient, keys: RedisKeys) => new RedisChannelOccupancy(redis.connection, keys),
  },
  {
    provide: ChannelCache,
    inject: [ConfigService, RedisClient, RedisKeys],
    useFactory: (config: Config, redis: RedisClient, keys: RedisKeys) =>
      new ChannelCache(redis.connection, keys, realtime(config).cacheTtlSeconds),
  },
  {
    provide: ClusterNode,
    inject: [RedisClient, RedisKeys, NodeIdentity],
    useFactory: (redis: RedisClient, keys: RedisKeys, identity: NodeIdentity) => new ClusterNode(redis.connection, keys, identity),
  },
  {
    provide: ChannelEvents,
    inject: [Fanout, WebhookEmitter, ChannelOccupancy],
    useFactory: (fanout: Fanout, webhooks: WebhookEmitter, occupancy: ChannelOccupancy) =>
      new ChannelEvents(fanout, webhooks, occupancy, logError),
  },
  {
    provide: ChannelSubscriptions,
    inject: [ChannelIndex, PresenceStore, ChannelOccupancy, ChannelCache, ClusterNode, ChannelEvents, WebhookEmitter],
    useFactory: (...deps: ConstructorParameters<typeof ChannelSubscriptions>) => new ChannelSubscriptions(...deps),
  },
  {
    provide: NodeReaper,
    inject: [ConfigService, RedisClient, RedisKeys, AppRegistry, PresenceStore, ChannelOccupancy, ChannelEvents, OnlineStatus],
    useFactory: (
      config: Config,
      redis: RedisClient,
      keys: RedisKeys,
      apps: AppRegistry,
      presence: PresenceStore,
      occupancy: ChannelOccupancy,
      events: ChannelEvents,
      status: OnlineStatus,
    ) => new NodeReaper(redis.connection, keys, apps, presence, occupancy, events, status, realtime(config).nodeTimeoutMs),
  },
  {
    provide: MessageDispatcher,
    inject: [ConfigService, ChannelSubscriptions, ConnectionRegistry, Fanout, WebhookEmitter, OnlineStatus],
    useFactory: (
      config: Config,
      subscriptions: ChannelSubscriptions,
      connections: ConnectionRegistry,
      fanout: Fanout,
      webhooks: WebhookEmitter,
      status: OnlineStatus,
    ) =>
      new MessageDispatcher(
        {
          ping: new PingHandler(),
          pong: new PongHandler(),
          subscribe: new SubscribeHandler(subscriptions, realtime(config).maxChannelNameLength),
          unsubscribe: new UnsubscribeHandler(subscriptions),
          signin: new SigninHandler(connections, status),
          clientEvent: new ClientEventHandler(fanout, webhooks),
        },
        logError,
      ),
  },
  {
    provide: WebSocketGateway,
    inject: [
      ConfigService,
      AppRegistry,
      ConnectionRegistry,
      ClusterNode,
      NodeIdentity,
      MessageDispatcher,
      ChannelSubscriptions,
      ConnectionStats,
      OnlineStatus,
    ],
    useFactory: (
      config: Config,
      apps: AppRegistry,
      connections: ConnectionRegistry,
      cluster: ClusterNode,
      identity: NodeIdentity,
      dispatcher: MessageDispatcher,
      subscriptions: ChannelSubscriptions,
      stats: ConnectionStats,
      status: OnlineStatus,
    ) => {
      const options = realtime(config);
      return new WebSocketGateway(options, apps, connections, cluster, identity, dispatcher, subscriptions, stats, status, {
        warn: (message, error) => logger.warn(error === undefined ? message : `${message}: ${describe(error)}`),
      });
    },
  },
  {
    provide: LivenessMonitor,
    inject: [ConfigService, ConnectionRegistry],
    useFactory: (config: Config, connections: ConnectionRegistry) =>
      new LivenessMonitor(connections, realtime(config).activityTimeoutSeconds * 1000, realtime(config).pongTimeoutMs),
  },
  {
    provide: ChannelDirectory,
    inject: [Fanout, ChannelOccupancy, PresenceStore, ChannelCache],
    useFactory: (fanout: Fanout, occupancy: ChannelOccupancy, presence: PresenceStore, cache: ChannelCache) =>
      new RedisChannelDirectory(fanout, occupancy, presence, cache),
  },
  RealtimeServer,
];

/**
 * The WebSocket side of the realtime app: sockets, channels, presence, fan-out and cluster membership.
 * Global so the REST API can inject ChannelDirectory. Needs AppRegistry and WebhookEmitter from the app.
 */
@Global()
@Module({ imports: [WebhooksModule], providers, exports: [ChannelDirectory] })
export class RealtimeCoreModule {
  constructor(metrics: MetricsRegistry, connections: ConnectionRegistry, index: ChannelIndex, stats: ConnectionStats) {
    registerRealtimeMetrics(metrics.registry, connections, index, stats);
  }
}
