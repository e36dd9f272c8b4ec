import type { RealtimeApp } from '../app-registry/realtime-app';
import { Connection } from '../connection/connection';
import { ConnectionStats } from '../connection/connection-stats';
import type { SocketTransport } from '../connection/socket-transport';
import { WatcherIndex } from './watcher-index';

function socket(id: string, appId = 'a') {
  const sent: string[] = [];
  const transport: SocketTransport = {
    bufferedAmount: 0,
    send: (frame) => void sent.push(String(frame)),
    close: () => undefined,
    terminate: () => undefined,
  };
  const connection = new Connection(id, { id: appId } as RealtimeApp, transport, 1 << 20, new ConnectionStats());
  const events = () =>
    sent.map((frame) => JSON.parse(frame) as { event: string; data: string }).map((frame) => JSON.parse(frame.data) as unknown);
  return { connection, sent, events };
}

describe('WatcherIndex', () => {
  it('sends each watcher only the ids it watches, in one connection-level frame', () => {
    const index = new WatcherIndex();
    const one = socket('1.1');
    const two = socket('1.2');
    index.add(one.connection, ['u1', 'u2']);
    index.add(two.connection, ['u2']);

    index.notify('a', 'offline', ['u1', 'u2', 'u3']);
    expect(one.events()).toEqual([{ events: [{ name: 'offline', user_ids: ['u1', 'u2'] }] }]);
    expect(two.events()).toEqual([{ events: [{ name: 'offline', user_ids: ['u2'] }] }]);
    expect(JSON.parse(one.sent[0])).toEqual({ event: 'pusher_internal:watchlist_events', data: expect.any(String) as string });
  });

  it('keeps apps apart and forgets removed watchers', () => {
    const index = new WatcherIndex();
    const mine = socket('1.1');
    const otherApp = socket('1.2', 'b');
    index.add(mine.connection, ['u1']);
    index.add(otherApp.connection, ['u1']);
    index.notify('a', 'online', ['u1']);
    index.remove(mine.connection, ['u1']);
    index.notify('a', 'online', ['u1']);

    expect(mine.events()).toEqual([{ events: [{ name: 'online', user_ids: ['u1'] }] }]);
    expect(otherApp.sent).toEqual([]);
  });
});
