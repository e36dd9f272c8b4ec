import { sdkPayload } from './sdk-payload';

describe('sdkPayload', () => {
  it('leaves the stored string untouched for ordinary channels', () => {
    expect(sdkPayload(['chat'], '{"text":"hi"}')).toBe('{"text":"hi"}');
    expect(sdkPayload(['private-chat', 'presence-room'], '{"a":1}')).toBe('{"a":1}');
    expect(sdkPayload(['private-chat'], 'plain')).toBe('plain');
  });

  it('gives the SDK the JSON value for an encrypted channel, which it encodes once before encrypting', () => {
    expect(sdkPayload(['private-encrypted-chat'], '{"text":"hi"}')).toEqual({ text: 'hi' });
    expect(sdkPayload(['private-encrypted-chat'], '"quoted"')).toBe('quoted');
    expect(sdkPayload(['private-encrypted-chat'], 'not json')).toBe('not json');
  });
});
