import type { RealtimeApp } from '../app-registry/realtime-app';
import { WebhookBatch, WebhookBatcher } from './webhook-batcher';

const app = (id: string): RealtimeApp => ({
  id,
  key: `${id}-key`,
  secret: `${id}-secret`,
  name: id,
  enabled: true,
  maxConnections: null,
  maxPresenceMembers: 100,
  maxEventBytes: 10240,
  clientEventsEnabled: true,
  maxClientEventsPerSecond: 10,
  subscriptionCountEnabled: false,
  webhooks: [{ url: 'http://127.0.0.1:1/hook' }],
});

describe('WebhookBatcher', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_700_000_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('sends the events of one app within the window in one batch, in order, stamped with the first time', () => {
    const batches: WebhookBatch[] = [];
    const batcher = new WebhookBatcher(50, (batch) => batches.push(batch));
    batcher.add(app('a'), { name: 'channel_occupied', channel: 'x' });
    jest.advanceTimersByTime(30);
    batcher.add(app('a'), { name: 'channel_vacated', channel: 'x' });
    expect(batches).toHaveLength(0);
    jest.advanceTimersByTime(20);
    expect(batches).toEqual([
      {
        app: app('a'),
        timeMs: 1_700_000_000_000,
        events: [
          { name: 'channel_occupied', channel: 'x' },
          { name: 'channel_vacated', channel: 'x' },
        ],
      },
    ]);
  });

  it('keeps apps apart and opens a new window after a flush', () => {
    const batches: WebhookBatch[] = [];
    const batcher = new WebhookBatcher(50, (batch) => batches.push(batch));
    batcher.add(app('a'), { name: 'channel_occupied', channel: 'x' });
    batcher.add(app('b'), { name: 'channel_occupied', channel: 'y' });
    jest.advanceTimersByTime(50);
    batcher.add(app('a'), { name: 'channel_vacated', channel: 'x' });
    jest.advanceTimersByTime(50);
    expect(batches.map((batch) => [batch.app.id, batch.events.length, batch.timeMs - 1_700_000_000_000])).toEqual([
      ['a', 1, 0],
      ['b', 1, 0],
      ['a', 1, 50],
    ]);
  });

  it('flushes at once when a batch is full, and flushAll hands over what is open', () => {
    const batches: WebhookBatch[] = [];
    const batcher = new WebhookBatcher(1000, (batch) => batches.push(batch), 3);
    for (let i = 0; i < 4; i++) batcher.add(app('a'), { name: 'member_added', channel: 'presence-x', user_id: String(i) });
    expect(batches.map((batch) => batch.events.length)).toEqual([3]);
    expect(batcher.pendingApps).toBe(1);
    batcher.flushAll();
    expect(batches.map((batch) => batch.events.length)).toEqual([3, 1]);
    expect(batcher.pendingApps).toBe(0);
  });
});
