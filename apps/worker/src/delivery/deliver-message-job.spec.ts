import { validateDeliverMessageJob } from './deliver-message-job';

const valid = {
  messageId: '0b8e4c84-52a4-4bd4-9a5e-5f4f7c3c2a10',
  appId: 'app-id',
  channels: ['chat'],
  event: 'message',
  data: '{"text":"hi"}',
};

describe('validateDeliverMessageJob', () => {
  it('accepts a well-formed payload, with or without a socket to exclude', () => {
    expect(validateDeliverMessageJob(valid)).toBeNull();
    expect(validateDeliverMessageJob({ ...valid, socketId: '123.456' })).toBeNull();
    expect(validateDeliverMessageJob({ ...valid, seq: 42 })).toBeNull();
  });

  it.each([
    [null, 'job data is not an object'],
    [{ ...valid, messageId: 'x' }, 'messageId must be a UUID'],
    [{ ...valid, appId: '' }, 'appId must be a non-empty string'],
    [{ ...valid, channels: [] }, 'channels must be an array of 1 to 100 names'],
    [{ ...valid, channels: Array.from({ length: 101 }, (_, i) => `c${String(i)}`) }, 'channels must be an array of 1 to 100 names'],
    [{ ...valid, channels: ['ok', 3] }, 'channels must be non-empty strings'],
    [{ ...valid, event: '' }, 'event must be a non-empty string'],
    [{ ...valid, data: { text: 'hi' } }, 'data must be a string'],
    [{ ...valid, socketId: 12 }, 'socketId must be a string'],
    [{ ...valid, seq: 0 }, 'seq must be a positive integer'],
    [{ ...valid, seq: '7' }, 'seq must be a positive integer'],
  ])('rejects %j', (data, reason) => {
    expect(validateDeliverMessageJob(data)).toBe(reason);
  });
});
