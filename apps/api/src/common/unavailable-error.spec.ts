import { isUnavailableError } from './unavailable-error';

describe('isUnavailableError', () => {
  it('recognises Redis and Postgres outages', () => {
    expect(isUnavailableError(new Error("Stream isn't writeable and enableOfflineQueue options is false"))).toBe(true);
    expect(isUnavailableError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isUnavailableError({ name: 'QueryFailedError', message: 'x', driverError: { code: '57P01' } })).toBe(true);
    expect(isUnavailableError(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('leaves bugs and constraint violations alone', () => {
    expect(isUnavailableError(new TypeError('cannot read properties of undefined'))).toBe(false);
    expect(isUnavailableError({ name: 'QueryFailedError', message: 'duplicate key', driverError: { code: '23505' } })).toBe(false);
    expect(isUnavailableError(undefined)).toBe(false);
  });
});
