import { deliveryBackoffMs } from './delivery-backoff';

describe('deliveryBackoffMs', () => {
  const policy = { baseDelayMs: 1000, maxDelayMs: 30_000 };

  it('doubles per failed attempt, between half and all of the nominal delay', () => {
    expect([1, 2, 3, 4].map((n) => deliveryBackoffMs(n, policy, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((n) => deliveryBackoffMs(n, policy, () => 1))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('never exceeds the ceiling', () => {
    expect(deliveryBackoffMs(40, policy, () => 1)).toBe(30_000);
    expect(deliveryBackoffMs(1000, policy, () => 0.5)).toBe(22_500);
  });

  it('spreads retries of workers that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => deliveryBackoffMs(3, policy)));
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(2000);
      expect(delay).toBeLessThanOrEqual(4000);
    }
  });
});
