import type { RealtimeApp } from '../app-registry/realtime-app';
import { Connection } from './connection';
import { ConnectionStats } from './connection-stats';
import type { SocketTransport } from './socket-transport';

class FakeTransport implements SocketTransport {
  bufferedAmount = 0;
  sent: (Buffer | string)[] = [];
  closedWith: [number, string] | undefined;
  send(frame: Buffer | string): void {
    this.sent.push(frame);
  }
  close(code: number, reason: string): void {
    this.closedWith = [code, reason];
  }
  terminate(): void {}
}

const app = { id: 'a', maxClientEventsPerSecond: 3 } as RealtimeApp;

describe('Connection', () => {
  it('closes a client whose unsent bytes pass the ceiling with 4100 and stops writing', () => {
    const transport = new FakeTransport();
    const stats = new ConnectionStats();
    const connection = new Connection('1.1', app, transport, 1000, stats);
    connection.send('a');
    transport.bufferedAmount = 1001;
    connection.send('b');
    connection.send('c');
    expect(transport.sent).toEqual(['a']);
    expect(transport.closedWith?.[0]).toBe(4100);
    expect(stats).toMatchObject({ messagesOut: 1, slowConsumersClosed: 1 });
  });

  it('allows the app rate of client events per one-second window', () => {
    const connection = new Connection('1.1', app, new FakeTransport(), 1000, new ConnectionStats());
    expect([1, 2, 3, 4].map(() => connection.allowClientEvent(10_000))).toEqual([true, true, true, false]);
    expect(connection.allowClientEvent(10_999)).toBe(false);
    expect(connection.allowClientEvent(11_000)).toBe(true);
  });

  it('runs channel operations one after another, even after a failure', async () => {
    const connection = new Connection('1.1', app, new FakeTransport(), 1000, new ConnectionStats());
    const order: string[] = [];
    const slow = connection.serialize(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('first');
      throw new Error('boom');
    });
    const fast = connection.serialize(() => {
      order.push('second');
      return Promise.resolve();
    });
    await expect(slow).rejects.toThrow('boom');
    await fast;
    expect(order).toEqual(['first', 'second']);
  });

  it('holds frames of a pending subscription until it is activated', () => {
    const transport = new FakeTransport();
    const connection = new Connection('1.1', app, transport, 1000, new ConnectionStats());
    const subscription = connection.beginSubscription('c')!;
    expect(connection.beginSubscription('c')).toBeUndefined();
    subscription.deliver('early');
    expect(transport.sent).toEqual([]);
    transport.send('succeeded');
    subscription.activate();
    subscription.deliver('late');
    expect(transport.sent).toEqual(['succeeded', 'early', 'late']);
  });
});
