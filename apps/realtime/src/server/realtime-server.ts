import { once } from 'node:events';
import type { Server } from 'node:http';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import type { AppConfig, RealtimeConfig } from '@app/config';
import { RedisClient } from '@app/redis';
import { ClusterNode } from '../cluster/cluster-node';
import { NodeReaper } from '../cluster/node-reaper';
import { ConnectionRegistry } from '../connection/connection-registry';
import { RedisFanout } from '../fanout/redis-fanout';
import { LivenessMonitor } from './liveness-monitor';
import { WebSocketGateway } from './websocket-gateway';

const REDIS_READY_TIMEOUT_MS = 10_000;

/**
 * Lifecycle of the socket server. Boot: join the cluster (node id, heartbeat), listen on the bus, take
 * upgrades on the HTTP server, start liveness sweeps, and every heartbeat reap nodes that went silent.
 * SIGTERM: stop taking sockets, send 4200 to every client, release their presence members and counts
 * (bounded by REALTIME_SHUTDOWN_TIMEOUT_MS), then leave the cluster.
 */
@Injectable()
export class RealtimeServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RealtimeServer.name);
  private readonly config: RealtimeConfig;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private beating: Promise<void> = Promise.resolve();

  constructor(
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
    private readonly adapterHost: HttpAdapterHost,
    private readonly redis: RedisClient,
    private readonly cluster: ClusterNode,
    private readonly reaper: NodeReaper,
    private readonly fanout: RedisFanout,
    private readonly gateway: WebSocketGateway,
    private readonly liveness: LivenessMonitor,
    private readonly connections: ConnectionRegistry,
  ) {
    this.config = config.getOrThrow('realtime', { infer: true });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.redisReady();
    // A fixed id may carry state from this node's previous life; clear it before taking that id again.
    if (this.config.nodeId !== undefined) await this.reaper.reap(this.config.nodeId);
    await this.cluster.join(this.config.nodeId);
    await this.fanout.start();
    this.gateway.attach(this.adapterHost.httpAdapter.getHttpServer() as Server);
    this.liveness.start();
    let busy = false;
    this.heartbeatTimer = setInterval(() => {
      // A slow Redis must not stack heartbeats (and reaps) on top of each other.
      if (busy) return;
      busy = true;
      this.beating = this.beat().finally(() => (busy = false));
    }, this.config.heartbeatIntervalMs);
    this.logger.log(`Realtime node ${this.cluster.id} accepting WebSockets at ${this.config.pathPrefix}/app/{key}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.heartbeatTimer);
    this.liveness.stop();
    await this.beating;
    await this.gateway.drain(this.config.shutdownTimeoutMs);
    try {
      await this.reaper.reap(this.cluster.id);
      await this.cluster.leave();
    } catch (error) {
      this.logger.warn(`Leaving the cluster failed; other nodes will reap node ${this.cluster.id}: ${String(error)}`);
    }
    await this.fanout.stop();
    this.gateway.close();
  }

  private async beat(): Promise<void> {
    try {
      if (await this.cluster.heartbeat(this.connections.countsByApp())) {
        this.logger.error(`Node ${this.cluster.id} was declared dead by the cluster (stalled heartbeat); dropping its sockets`);
        this.gateway.abandonAll();
      }
      for (const nodeId of await this.cluster.deadNodes(this.config.nodeTimeoutMs)) {
        if (await this.reaper.reap(nodeId)) this.logger.warn(`Reaped dead realtime node ${nodeId}`);
      }
    } catch (error) {
      this.logger.warn(`Heartbeat failed: ${String(error)}`);
    }
  }

  private async redisReady(): Promise<void> {
    const connection = this.redis.connection;
    if (connection.status === 'ready') return;
    const timeout = AbortSignal.timeout(REDIS_READY_TIMEOUT_MS);
    await once(connection, 'ready', { signal: timeout });
  }
}
