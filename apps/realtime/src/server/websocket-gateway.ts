import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { CloseCode, CLOSE_MESSAGES, decodeClientFrame, encodeError, encodeServerEvent } from '@app/pusher-protocol';
import { type WebSocket, WebSocketServer } from 'ws';
import type { AppRegistry } from '../app-registry/app-registry';
import type { RealtimeApp } from '../app-registry/realtime-app';
import type { ChannelSubscriptions } from '../channels/channel-subscriptions';
import type { ClusterNode } from '../cluster/cluster-node';
import type { NodeIdentity } from '../cluster/node-identity';
import { Connection } from '../connection/connection';
import type { ConnectionRegistry } from '../connection/connection-registry';
import type { ConnectionStats } from '../connection/connection-stats';
import type { MessageDispatcher } from '../handlers/message-dispatcher';
import type { OnlineStatus } from '../watchlist/online-status';
import { checkUpgradeRequest } from './upgrade-request';
import { WsTransport } from './ws-transport';

export interface GatewayOptions {
  pathPrefix: string;
  activityTimeoutSeconds: number;
  maxFrameBytes: number;
  sendBufferBytes: number;
  /** Node capacity; 0 = unlimited. */
  maxConnections: number;
  perMessageDeflate: boolean;
  /** Authorized connections: seconds to complete `pusher:signin` before a 4009 close; 0 = off. */
  signinTimeoutSeconds: number;
}

export interface GatewayLogger {
  warn(message: string, error?: unknown): void;
}

const SIGNIN_TIMEOUT_MESSAGE = 'Connection not authorized within timeout.';
const SIGNIN_TIMEOUT_FRAME = encodeError(CloseCode.Unauthorized, SIGNIN_TIMEOUT_MESSAGE);
const BINARY_FRAME_ERROR = encodeError(null, 'Binary frames are not supported; send JSON text frames');

/**
 * The WebSocket endpoint: takes HTTP upgrades on the app's server (`ws` in noServer mode), refuses bad
 * paths, protocols, apps and quotas with `pusher:error` + close (same code), and runs each accepted
 * socket: handshake, frame decoding within size limits, dispatch, and release of its state on close.
 */
export class WebSocketGateway {
  private readonly wss: WebSocketServer;
  private accepting = true;
  private opening = 0;

  constructor(
    private readonly options: GatewayOptions,
    private readonly apps: AppRegistry,
    private readonly connections: ConnectionRegistry,
    private readonly cluster: ClusterNode,
    private readonly identity: NodeIdentity,
    private readonly dispatcher: MessageDispatcher,
    private readonly subscriptions: ChannelSubscriptions,
    private readonly stats: ConnectionStats,
    private readonly status: OnlineStatus,
    private readonly logger: GatewayLogger,
  ) {
    this.wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      perMessageDeflate: options.perMessageDeflate,
      // Frames up to maxFrameBytes get a protocol error; far bigger ones are cut off by ws (close 1009).
      maxPayload: options.maxFrameBytes * 4,
    });
    apps.onChange((app, appId) => this.appChanged(app, appId));
  }

  attach(server: Server): void {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(request, socket, head));
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    if (!this.accepting) return this.refuse(request, socket, head, CloseCode.ReconnectImmediately, 'Server is shutting down; reconnect');
    const check = checkUpgradeRequest(request.url, this.options.pathPrefix);
    if (!check.ok) return this.refuse(request, socket, head, check.code, check.message);
    const app = this.apps.findByKey(check.appKey);
    if (!app) return this.refuse(request, socket, head, CloseCode.AppNotFound, `App key ${check.appKey} does not exist`);
    if (!app.enabled) return this.refuse(request, socket, head, CloseCode.AppDisabled, CLOSE_MESSAGES[CloseCode.AppDisabled]);
    const capacity = this.options.maxConnections;
    if (capacity > 0 && this.connections.size + this.opening >= capacity) {
      return this.refuse(request, socket, head, CloseCode.OverCapacity, CLOSE_MESSAGES[CloseCode.OverCapacity]);
    }
    this.opening++;
    let upgraded = false;
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      upgraded = true;
      void this.open(ws, app).finally(() => this.opening--);
    });
    // handleUpgrade answers a malformed handshake itself (synchronously) and never calls back for it.
    if (!upgraded) this.opening--;
  }

  private async open(ws: WebSocket, app: RealtimeApp): Promise<void> {
    ws.on('error', () => ws.terminate());
    let allowed: boolean;
    try {
      allowed = await this.cluster.connectionOpened(app.id, app.maxConnections);
    } catch (error) {
      this.logger.warn('Connection refused: cluster state unavailable', error);
      return sendAndClose(ws, CloseCode.OverCapacity, 'Service temporarily unavailable; retry');
    }
    if (!allowed) return sendAndClose(ws, CloseCode.OverConnectionQuota, CLOSE_MESSAGES[CloseCode.OverConnectionQuota]);
    const connection = new Connection(this.identity.nextSocketId(), app, new WsTransport(ws), this.options.sendBufferBytes, this.stats);
    this.connections.add(connection);
    ws.on('close', () => void this.release(connection));
    if (ws.readyState !== ws.OPEN) return this.release(connection);
    ws.on('message', (data: Buffer, isBinary: boolean) => this.receive(connection, data, isBinary));
    const established = { socket_id: connection.socketId, activity_timeout: this.options.activityTimeoutSeconds };
    connection.send(encodeServerEvent('pusher:connection_established', established));
    if (this.options.signinTimeoutSeconds > 0) this.requireSignin(connection, this.options.signinTimeoutSeconds * 1000);
  }

  /** Authorized connections: closes the socket with 4009 unless it signed in within `timeoutMs`. */
  private requireSignin(connection: Connection, timeoutMs: number): void {
    connection.signinDeadline = setTimeout(() => {
      connection.signinDeadline = undefined;
      if (connection.user || connection.closed) return;
      connection.send(SIGNIN_TIMEOUT_FRAME);
      connection.close(CloseCode.Unauthorized, SIGNIN_TIMEOUT_MESSAGE);
    }, timeoutMs);
    connection.signinDeadline.unref();
  }

  private receive(connection: Connection, data: Buffer, isBinary: boolean): void {
    this.stats.messagesIn++;
    connection.touch(Date.now());
    if (isBinary) return connection.send(BINARY_FRAME_ERROR);
    if (data.length > this.options.maxFrameBytes) {
      return connection.send(encodeError(null, `Message is ${data.length} bytes; the limit is ${this.options.maxFrameBytes}`));
    }
    const decoded = decodeClientFrame(data.toString('utf8'));
    if (!decoded.ok) return connection.send(encodeError(null, decoded.reason));
    this.dispatcher.dispatch(connection, decoded.frame);
  }

  /** Frees a socket's channels, presence members, online status and count once; resolves when Redis is updated. */
  release(connection: Connection): Promise<void> {
    if (connection.released) return Promise.resolve();
    connection.released = true;
    connection.closed = true;
    clearTimeout(connection.signinDeadline);
    this.connections.remove(connection);
    const counted = this.cluster
      .connectionClosed(connection.app.id)
      .catch((error: unknown) => this.logger.warn('Connection count update failed', error));
    const channels = connection
      .serialize(() => this.subscriptions.release(connection))
      .catch((error: unknown) => this.logger.warn(`Releasing socket ${connection.socketId} failed`, error));
    const user = this.status.signedOut(connection);
    return Promise.all([counted, channels, user]).then(() => undefined);
  }

  /**
   * Stops taking sockets, tells every client to reconnect now (4200, so it lands on another node), and
   * releases their state; resolves when done or after `timeoutMs`.
   */
  async drain(timeoutMs: number): Promise<void> {
    this.accepting = false;
    const all = this.connections.all();
    const message = 'Server is shutting down; reconnect';
    const frame = encodeError(CloseCode.ReconnectImmediately, message);
    for (const connection of all) {
      connection.send(frame);
      connection.close(CloseCode.ReconnectImmediately, message);
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.all(all.map((connection) => this.release(connection))), timeout]);
    clearTimeout(timer);
  }

  /**
   * For a node that other nodes declared dead (it stalled past the timeout and its Redis state was
   * reaped): drops every socket without touching Redis again and asks clients to reconnect (4200),
   * so their state is rebuilt from scratch.
   */
  abandonAll(): void {
    const message = 'Node state was lost; reconnect';
    const frame = encodeError(CloseCode.ReconnectImmediately, message);
    for (const connection of this.connections.all()) {
      connection.released = true;
      this.connections.remove(connection);
      this.subscriptions.forget(connection);
      this.status.forget(connection);
      connection.send(frame);
      connection.close(CloseCode.ReconnectImmediately, message);
    }
  }

  /** Drops whatever sockets remain (after `drain`). */
  close(): void {
    this.wss.close();
  }

  private appChanged(app: RealtimeApp | undefined, appId: string): void {
    const sockets = [...this.connections.forApp(appId)];
    if (sockets.length === 0) return;
    if (!app || !app.enabled) {
      const code = app ? CloseCode.AppDisabled : CloseCode.AppNotFound;
      const frame = encodeError(code, CLOSE_MESSAGES[code]);
      for (const connection of sockets) {
        connection.send(frame);
        connection.close(code, CLOSE_MESSAGES[code]);
      }
      return;
    }
    for (const connection of sockets) connection.app = app;
  }

  private refuse(request: IncomingMessage, socket: Duplex, head: Buffer, code: number, message: string): void {
    this.wss.handleUpgrade(request, socket, head, (ws) => sendAndClose(ws, code, message));
  }
}

function sendAndClose(ws: WebSocket, code: number, message: string): void {
  ws.on('error', () => ws.terminate());
  if (ws.readyState !== ws.OPEN) return;
  ws.send(encodeError(code, message));
  ws.close(code, Buffer.byteLength(message) > 123 ? message.slice(0, 30) : message);
}
