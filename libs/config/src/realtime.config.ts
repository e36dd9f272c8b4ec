import { registerAs } from '@nestjs/config';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { IsIntInRange, IsPort, ToBoolean, ToInt, validateEnv } from './env-validation';

class RealtimeEnv {
  @IsOptional()
  @ToInt()
  @IsPort()
  REALTIME_PORT?: number;

  /** Seconds of client silence before the server pings; sent to clients as activity_timeout. */
  @ToInt()
  @IsIntInRange(1, 3600)
  REALTIME_ACTIVITY_TIMEOUT = 120;

  /** Milliseconds the server waits for any message after its ping before closing with 4201. */
  @ToInt()
  @IsIntInRange(100, 600_000)
  REALTIME_PONG_TIMEOUT_MS = 30_000;

  /** Path before `/app/{key}` (pusher-js `wsPath`), e.g. `/ws`; empty by default. */
  @Matches(/^(\/[A-Za-z0-9._~-]+)*$/, { message: 'must be empty or a path like /ws (no trailing slash)' })
  REALTIME_PATH_PREFIX = '';

  /** Fixed numeric node id (first half of socket ids); by default each start takes a fresh one from Redis. */
  @IsOptional()
  @ToInt()
  @IsIntInRange(1, 2_147_483_647)
  REALTIME_NODE_ID?: number;

  /** How often a node refreshes its heartbeat and connection counts in Redis. */
  @ToInt()
  @IsIntInRange(100, 60_000)
  REALTIME_HEARTBEAT_INTERVAL_MS = 5_000;

  /** A node silent for this long is dead: the others remove its presence members and channel counts. */
  @ToInt()
  @IsIntInRange(300, 600_000)
  REALTIME_NODE_TIMEOUT_MS = 15_000;

  /** Largest client frame handled; bigger ones get pusher:error (and beyond 4x, a 1009 close). */
  @ToInt()
  @IsIntInRange(1024, 16 * 1024 * 1024)
  REALTIME_MAX_FRAME_BYTES = 64 * 1024;

  /** Per-socket unsent bytes allowed before a slow client is closed with 4100. */
  @ToInt()
  @IsIntInRange(16 * 1024, 1024 * 1024 * 1024)
  REALTIME_SEND_BUFFER_BYTES = 4 * 1024 * 1024;

  /** Sockets this node accepts before refusing with 4100 (over capacity); 0 = no node limit. */
  @ToInt()
  @IsIntInRange(0, 10_000_000)
  REALTIME_MAX_CONNECTIONS = 0;

  /** Channel name length limit (Pusher documents 164, its SDK allows 200). */
  @ToInt()
  @IsIntInRange(16, 1024)
  REALTIME_MAX_CHANNEL_NAME_LENGTH = 200;

  /** Seconds a cache channel keeps its last event. */
  @ToInt()
  @IsIntInRange(1, 7 * 24 * 3600)
  REALTIME_CACHE_TTL_SECONDS = 1800;

  /** WebSocket per-message deflate; off by default (CPU per socket, and broadcasts can't share frames). */
  @ToBoolean()
  @IsBoolean({ message: 'must be true or false' })
  REALTIME_PER_MESSAGE_DEFLATE = false;

  /** Upper bound on SIGTERM drain: closing sockets with 4200 and removing their presence members. */
  @ToInt()
  @IsIntInRange(100, 120_000)
  REALTIME_SHUTDOWN_TIMEOUT_MS = 10_000;

  /** Authorized connections: seconds a socket has to complete `pusher:signin` before a 4009 close; 0 = off. */
  @ToInt()
  @IsIntInRange(0, 3600)
  REALTIME_SIGNIN_TIMEOUT_SECONDS = 0;

  /** Seconds a REST `idempotency_key` is remembered per app; a repeat within it is acknowledged, not published. */
  @ToInt()
  @IsIntInRange(1, 7 * 24 * 3600)
  REALTIME_IDEMPOTENCY_WINDOW_SECONDS = 300;

  /** Seconds between full reloads of the apps table (a safety net under change notifications). */
  @ToInt()
  @IsIntInRange(1, 3600)
  REALTIME_APPS_REFRESH_SECONDS = 30;

  /** Milliseconds webhook events of one app are collected before they are sent in one body. */
  @ToInt()
  @IsIntInRange(0, 10_000)
  REALTIME_WEBHOOK_BATCH_MS = 50;

  /** Webhook requests one node sends at a time. */
  @ToInt()
  @IsIntInRange(1, 1000)
  REALTIME_WEBHOOK_CONCURRENCY = 10;

  /** Milliseconds a webhook receiver has to answer before the attempt counts as failed. */
  @ToInt()
  @IsIntInRange(100, 60_000)
  REALTIME_WEBHOOK_TIMEOUT_MS = 5_000;

  /** Delivery attempts of one webhook body before it is given up. */
  @ToInt()
  @IsIntInRange(1, 50)
  REALTIME_WEBHOOK_ATTEMPTS = 6;

  /** First retry delay in ms; each later one doubles (6 attempts at 5 s: 5+10+20+40+80 s). */
  @ToInt()
  @IsIntInRange(10, 3_600_000)
  REALTIME_WEBHOOK_BACKOFF_MS = 5_000;
}

export interface RealtimeConfig {
  port: number;
  activityTimeoutSeconds: number;
  pongTimeoutMs: number;
  /** '' or '/segment...' placed before `/app/{key}`. */
  pathPrefix: string;
  /** Fixed node id, or undefined to allocate one from Redis at boot. */
  nodeId?: number;
  heartbeatIntervalMs: number;
  nodeTimeoutMs: number;
  maxFrameBytes: number;
  sendBufferBytes: number;
  /** 0 = unlimited. */
  maxConnections: number;
  maxChannelNameLength: number;
  cacheTtlSeconds: number;
  perMessageDeflate: boolean;
  shutdownTimeoutMs: number;
  /** Seconds to complete `pusher:signin` before a 4009 close; 0 = sign-in not required. */
  signinTimeoutSeconds: number;
  idempotencyWindowSeconds: number;
  appsRefreshSeconds: number;
  webhooks: { batchMs: number; concurrency: number; timeoutMs: number; attempts: number; backoffMs: number };
}

export const realtimeConfig = registerAs('realtime', (): RealtimeConfig => {
  const env = validateEnv(RealtimeEnv, process.env);
  const platformPort = process.env.PORT ? Number(process.env.PORT) : undefined;
  return {
    port: env.REALTIME_PORT ?? platformPort ?? 6001,
    activityTimeoutSeconds: env.REALTIME_ACTIVITY_TIMEOUT,
    pongTimeoutMs: env.REALTIME_PONG_TIMEOUT_MS,
    pathPrefix: env.REALTIME_PATH_PREFIX,
    nodeId: env.REALTIME_NODE_ID,
    heartbeatIntervalMs: env.REALTIME_HEARTBEAT_INTERVAL_MS,
    nodeTimeoutMs: Math.max(env.REALTIME_NODE_TIMEOUT_MS, env.REALTIME_HEARTBEAT_INTERVAL_MS * 2),
    maxFrameBytes: env.REALTIME_MAX_FRAME_BYTES,
    sendBufferBytes: env.REALTIME_SEND_BUFFER_BYTES,
    maxConnections: env.REALTIME_MAX_CONNECTIONS,
    maxChannelNameLength: env.REALTIME_MAX_CHANNEL_NAME_LENGTH,
    cacheTtlSeconds: env.REALTIME_CACHE_TTL_SECONDS,
    perMessageDeflate: env.REALTIME_PER_MESSAGE_DEFLATE,
    shutdownTimeoutMs: env.REALTIME_SHUTDOWN_TIMEOUT_MS,
    signinTimeoutSeconds: env.REALTIME_SIGNIN_TIMEOUT_SECONDS,
    idempotencyWindowSeconds: env.REALTIME_IDEMPOTENCY_WINDOW_SECONDS,
    appsRefreshSeconds: env.REALTIME_APPS_REFRESH_SECONDS,
    webhooks: {
      batchMs: env.REALTIME_WEBHOOK_BATCH_MS,
      concurrency: env.REALTIME_WEBHOOK_CONCURRENCY,
      timeoutMs: env.REALTIME_WEBHOOK_TIMEOUT_MS,
      attempts: env.REALTIME_WEBHOOK_ATTEMPTS,
      backoffMs: env.REALTIME_WEBHOOK_BACKOFF_MS,
    },
  };
});
