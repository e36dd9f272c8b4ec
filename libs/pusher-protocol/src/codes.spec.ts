import { CLOSE_MESSAGES, closeAction, CloseCode } from './codes';

describe('CloseCode', () => {
  it('has every code of the protocol with the values Pusher documents', () => {
    expect(Object.values(CloseCode).sort()).toEqual([4000, 4001, 4003, 4004, 4005, 4006, 4007, 4008, 4009, 4100, 4200, 4201, 4202, 4301]);
  });

  it('has a short message per code that fits a WebSocket close reason', () => {
    for (const code of Object.values(CloseCode)) {
      expect(CLOSE_MESSAGES[code].length).toBeGreaterThan(0);
      expect(Buffer.byteLength(CLOSE_MESSAGES[code])).toBeLessThanOrEqual(123);
    }
  });

  it('groups codes the way pusher-js reacts to them', () => {
    expect(closeAction(CloseCode.TlsOnly)).toBe('tls_only');
    for (const code of [4001, 4003, 4004, 4005, 4006, 4007, 4008, 4009]) expect(closeAction(code)).toBe('refused');
    expect(closeAction(CloseCode.OverCapacity)).toBe('backoff');
    for (const code of [4200, 4201, 4202]) expect(closeAction(code)).toBe('retry');
    expect(closeAction(CloseCode.ClientEventRateLimit)).toBe('refused');
  });

  it('mirrors pusher-js for standard WebSocket codes', () => {
    expect(closeAction(1000)).toBeNull();
    expect(closeAction(1001)).toBeNull();
    expect(closeAction(1002)).toBe('backoff');
    expect(closeAction(1004)).toBe('backoff');
    expect(closeAction(1006)).toBeNull();
    expect(closeAction(3999)).toBeNull();
    expect(closeAction(4099)).toBe('refused');
    expect(closeAction(4199)).toBe('backoff');
    expect(closeAction(4299)).toBe('retry');
    expect(closeAction(4999)).toBe('refused');
  });
});
