import Pusher from 'pusher';
import { verifyWebhook } from './signatures';
import { buildWebhookRequest, isWebhookEventName, parseWebhookBody, WEBHOOK_EVENT_NAMES, WebhookEvent } from './webhook-events';

const app = { key: 'app-key', secret: 'app-secret' };

describe('buildWebhookRequest', () => {
  const events: WebhookEvent[] = [
    { name: 'channel_occupied', channel: 'presence-ü' },
    { name: 'member_added', channel: 'presence-ü', user_id: '10' },
    { name: 'client_event', channel: 'private-x', event: 'client-typing', data: '{"t":"✓"}', socket_id: '1.2' },
  ];

  it('serializes once and signs those bytes', () => {
    const { body, headers } = buildWebhookRequest(events, app, 1700000000000);
    expect(body).toBe(JSON.stringify({ time_ms: 1700000000000, events }));
    expect(headers).toEqual({
      'content-type': 'application/json',
      'x-pusher-key': 'app-key',
      'x-pusher-signature': expect.any(String) as unknown,
    });
    expect(verifyWebhook(app.secret, body, headers['x-pusher-signature'])).toBe(true);
  });

  it('is accepted by the SDK webhook verifier', () => {
    const sdk = new Pusher({ appId: '1', ...app, host: '127.0.0.1' });
    const { body, headers } = buildWebhookRequest(events, app, 1700000000000);
    const webhook = sdk.webhook({ headers, rawBody: body });
    expect(webhook.isValid()).toBe(true);
    expect(webhook.getEvents()).toEqual(events);
    expect(webhook.getTime().getTime()).toBe(1700000000000);
    const otherApp = new Pusher({ appId: '1', key: app.key, secret: 'other', host: '127.0.0.1' });
    expect(otherApp.webhook({ headers, rawBody: body }).isValid()).toBe(false);
  });

  it('defaults time_ms to now', () => {
    const before = Date.now();
    const { body } = buildWebhookRequest([], app);
    const { time_ms: timeMs } = JSON.parse(body) as { time_ms: number };
    expect(timeMs).toBeGreaterThanOrEqual(before);
    expect(timeMs).toBeLessThanOrEqual(Date.now());
  });
});

describe('parseWebhookBody', () => {
  it('reads a body it built, keeping unknown event names', () => {
    const { body } = buildWebhookRequest([{ name: 'channel_vacated', channel: 'a' }], app, 5);
    expect(parseWebhookBody(body)).toEqual({ time_ms: 5, events: [{ name: 'channel_vacated', channel: 'a' }] });
    expect(parseWebhookBody('{"time_ms":1,"events":[{"name":"future_event","channel":"a","x":1}]}')).toEqual({
      time_ms: 1,
      events: [{ name: 'future_event', channel: 'a', x: 1 }],
    });
  });

  it.each([
    ['', 'Webhook body is not valid JSON'],
    ['[]', 'Webhook body must be a JSON object'],
    ['{"events":[]}', 'Webhook body needs a numeric time_ms'],
    ['{"time_ms":"1","events":[]}', 'Webhook body needs a numeric time_ms'],
    ['{"time_ms":1}', 'Webhook body needs an events array'],
    ['{"time_ms":1,"events":[null]}', 'events[0] must be an object'],
    ['{"time_ms":1,"events":[{"channel":"a"}]}', 'events[0].name must be a string'],
    ['{"time_ms":1,"events":[{"name":"channel_vacated","channel":"a"},{"name":"x"}]}', 'events[1].channel must be a string'],
  ])('rejects %j', (raw, reason) => {
    expect(parseWebhookBody(raw)).toBe(reason);
  });
});

describe('webhook event names', () => {
  it('knows every Pusher webhook event', () => {
    expect([...WEBHOOK_EVENT_NAMES].sort()).toEqual([
      'cache_miss',
      'channel_occupied',
      'channel_vacated',
      'client_event',
      'member_added',
      'member_removed',
      'subscription_count',
    ]);
    expect(isWebhookEventName('member_added')).toBe(true);
    expect(isWebhookEventName('member_updated')).toBe(false);
    expect(isWebhookEventName(1)).toBe(false);
  });
});
