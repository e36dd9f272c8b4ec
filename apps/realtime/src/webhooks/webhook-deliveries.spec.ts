import Pusher from 'pusher';
import type { RealtimeApp } from '../app-registry/realtime-app';
import { buildWebhookDeliveries } from './webhook-deliveries';

const app: RealtimeApp = {
  id: 'app-id',
  key: 'app-key',
  secret: 'app-secret',
  name: 'test',
  enabled: true,
  maxConnections: null,
  maxPresenceMembers: 100,
  maxEventBytes: 10240,
  clientEventsEnabled: true,
  maxClientEventsPerSecond: 10,
  subscriptionCountEnabled: false,
  webhooks: [{ url: 'http://127.0.0.1:1/all' }, { url: 'http://127.0.0.1:1/members', events: ['member_added', 'member_removed'] }],
};

describe('buildWebhookDeliveries', () => {
  const pusher = new Pusher({ appId: app.id, key: app.key, secret: app.secret, host: '127.0.0.1' });

  it('builds one signed body per receiver, filtered by its event names, valid for the pusher SDK', () => {
    const deliveries = buildWebhookDeliveries({
      app,
      timeMs: 1234,
      events: [
        { name: 'channel_occupied', channel: 'presence-x' },
        { name: 'member_added', channel: 'presence-x', user_id: '7' },
      ],
    });
    expect(deliveries.map((delivery): [string, unknown] => [delivery.url, JSON.parse(delivery.body)])).toEqual([
      [
        'http://127.0.0.1:1/all',
        {
          time_ms: 1234,
          events: [
            { name: 'channel_occupied', channel: 'presence-x' },
            { name: 'member_added', channel: 'presence-x', user_id: '7' },
          ],
        },
      ],
      ['http://127.0.0.1:1/members', { time_ms: 1234, events: [{ name: 'member_added', channel: 'presence-x', user_id: '7' }] }],
    ]);
    for (const delivery of deliveries) {
      const webhook = pusher.webhook({
        headers: { 'content-type': 'application/json', 'x-pusher-key': delivery.key, 'x-pusher-signature': delivery.signature },
        rawBody: delivery.body,
      });
      expect(webhook.isValid()).toBe(true);
    }
  });

  it('skips a receiver none of whose event names occur', () => {
    const deliveries = buildWebhookDeliveries({ app, timeMs: 1, events: [{ name: 'channel_vacated', channel: 'x' }] });
    expect(deliveries.map((delivery) => delivery.url)).toEqual(['http://127.0.0.1:1/all']);
  });
});
