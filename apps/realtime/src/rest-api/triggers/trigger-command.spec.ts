import { HttpException } from '@nestjs/common';
import type { RealtimeApp } from '../../app-registry/realtime-app';
import { toTriggerCommand } from './trigger-command';
import type { TriggerEventDto } from './trigger-event.dto';

const app: RealtimeApp = {
  id: 'app-id',
  key: 'app-key',
  secret: 'app-secret',
  name: 'test',
  enabled: true,
  maxConnections: null,
  maxPresenceMembers: 100,
  maxEventBytes: 16,
  clientEventsEnabled: true,
  maxClientEventsPerSecond: 10,
  subscriptionCountEnabled: false,
  webhooks: [],
};

function failure(dto: Partial<TriggerEventDto>, where = ''): { status: number; body: unknown } {
  try {
    toTriggerCommand(app, { name: 'e', data: '', ...dto }, 200, where);
  } catch (error) {
    if (error instanceof HttpException) return { status: error.getStatus(), body: error.getResponse() };
    throw error;
  }
  throw new Error('expected a failure');
}

describe('toTriggerCommand', () => {
  it('accepts one channel or many, keeps data as given, and dedupes channels', () => {
    expect(toTriggerCommand(app, { name: 'e', data: '{"a":1}', channel: 'c' }, 200)).toEqual({
      channels: ['c'],
      event: 'e',
      data: '{"a":1}',
      socketId: undefined,
      info: { userCount: false, subscriptionCount: false },
      idempotencyKey: undefined,
    });
    const command = toTriggerCommand(
      app,
      { name: 'e', data: '', channels: ['a', 'b', 'a', '#server-to-user-7'], socket_id: '1.2', info: 'user_count', idempotency_key: 'k' },
      200,
    );
    expect(command.channels).toEqual(['a', 'b', '#server-to-user-7']);
    expect([command.socketId, command.info.userCount, command.idempotencyKey]).toEqual(['1.2', true, 'k']);
  });

  it('answers 400 with a reason for each broken rule, prefixed with the batch position', () => {
    expect(failure({})).toEqual({ status: 400, body: { code: 400, error: 'channels must name at least one channel' } });
    expect(failure({ channel: 'a', channels: ['b'] }).status).toBe(400);
    expect(failure({ channels: Array.from({ length: 101 }, (_, i) => `c${i}`) })).toEqual({
      status: 400,
      body: { code: 400, error: 'channels names 101 channels; at most 100 are allowed per event' },
    });
    expect((failure({ channel: 'bad channel' }, 'batch[3].').body as { error: string }).error).toMatch(
      /^batch\[3\]\.Channel name "bad channel" contains characters/,
    );
    expect(failure({ channel: 'c', name: 'x'.repeat(201) }).status).toBe(400);
    expect(failure({ channel: 'c', socket_id: 'abc' }).body).toEqual({
      code: 400,
      error: 'socket_id "abc" is not a socket id; expected digits.digits such as "1234.5678"',
    });
    expect(failure({ channel: 'c', info: 'occupied' }).status).toBe(400);
  });

  it('answers 413 when data exceeds the app limit in UTF-8 bytes', () => {
    expect(toTriggerCommand(app, { name: 'e', data: 'x'.repeat(16), channel: 'c' }, 200).data).toHaveLength(16);
    expect(failure({ channel: 'c', data: 'é'.repeat(9) })).toEqual({
      status: 413,
      body: { code: 413, error: 'data is 18 bytes; this app accepts at most 16 bytes per event' },
    });
  });
});
