import { Counter, Gauge, type Registry } from 'prom-client';
import type { ChannelIndex } from '../channels/channel-index';
import type { ConnectionRegistry } from '../connection/connection-registry';
import type { ConnectionStats } from '../connection/connection-stats';

/**
 * Registers the socket server's metrics. Values are read from the live structures and counters when
 * scraped, so the hot path only bumps plain fields.
 */
export function registerRealtimeMetrics(
  registry: Registry,
  connections: ConnectionRegistry,
  index: ChannelIndex,
  stats: ConnectionStats,
): void {
  const registers = [registry];
  new Gauge({
    name: 'realtime_connections',
    help: 'Open WebSocket connections on this node',
    registers,
    collect() {
      this.set(connections.size);
    },
  });
  new Gauge({
    name: 'realtime_subscriptions',
    help: 'Channel subscriptions held by sockets on this node',
    registers,
    collect() {
      this.set(index.size);
    },
  });
  const counter = (name: string, help: string, read: () => number) =>
    new Counter({
      name,
      help,
      registers,
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  counter('realtime_messages_in_total', 'Frames received from clients', () => stats.messagesIn);
  counter('realtime_messages_out_total', 'Frames written to clients', () => stats.messagesOut);
  counter(
    'realtime_slow_consumers_closed_total',
    'Sockets closed with 4100 because their send buffer was full',
    () => stats.slowConsumersClosed,
  );
}
