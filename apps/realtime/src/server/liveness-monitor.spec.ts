import type { RealtimeApp } from '../app-registry/realtime-app';
import { Connection } from '../connection/connection';
import { ConnectionRegistry } from '../connection/connection-registry';
import { ConnectionStats } from '../connection/connection-stats';
import type { SocketTransport } from '../connection/socket-transport';
import { LivenessMonitor } from './liveness-monitor';

function socket() {
  const transport = { bufferedAmount: 0, sent: [] as string[], closed: 0, terminated: false } as SocketTransport & {
    sent: string[];
    closed: number;
    terminated: boolean;
  };
  transport.send = (frame) => void transport.sent.push(String(frame));
  transport.close = (code) => void (transport.closed = code);
  transport.terminate = () => void (transport.terminated = true);
  return transport;
}

describe('LivenessMonitor', () => {
  it('pings after the activity timeout, closes with 4201 after the pong timeout, then cuts off', () => {
    const registry = new ConnectionRegistry();
    const transport = socket();
    const connection = new Connection('1.1', { id: 'a' } as RealtimeApp, transport, 1 << 20, new ConnectionStats());
    connection.touch(0);
    registry.add(connection);
    const monitor = new LivenessMonitor(registry, 1000, 500);

    monitor.sweep(999);
    expect(transport.sent).toEqual([]);
    monitor.sweep(1000);
    expect(transport.sent).toEqual(['{"event":"pusher:ping","data":{}}']);
    monitor.sweep(1499);
    expect(transport.closed).toBe(0);
    monitor.sweep(1500);
    expect(transport.closed).toBe(4201);
    monitor.sweep(1500 + 500 + 2000);
    expect(transport.terminated).toBe(true);
  });

  it('treats any received frame as an answer', () => {
    const registry = new ConnectionRegistry();
    const transport = socket();
    const connection = new Connection('1.1', { id: 'a' } as RealtimeApp, transport, 1 << 20, new ConnectionStats());
    connection.touch(0);
    registry.add(connection);
    const monitor = new LivenessMonitor(registry, 1000, 500);
    monitor.sweep(1000);
    connection.touch(1200);
    monitor.sweep(1600);
    expect(transport.closed).toBe(0);
  });
});
