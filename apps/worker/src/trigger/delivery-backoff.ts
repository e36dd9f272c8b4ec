/** Shape of the retry policy of one message: attempts allowed and the first delay. */
export interface RetryPolicy {
  /** Total attempts (the first try included) before the message is failed. */
  maxAttempts: number;
  /** Delay after the first failed attempt; doubles per further attempt. */
  baseDelayMs: number;
  /** No single delay exceeds this. */
  maxDelayMs: number;
}

/**
 * Delay before attempt `failedAttempts + 1`: exponential from `baseDelayMs`, capped at `maxDelayMs`,
 * with "equal jitter" (a uniform pick in the upper half) so workers that failed together do not
 * retry together, while a delay never drops below half its nominal value.
 */
export function deliveryBackoffMs(
  failedAttempts: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  random = Math.random,
): number {
  const exponent = Math.max(0, failedAttempts - 1);
  const nominal = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(exponent, 30));
  return Math.round(nominal / 2 + random() * (nominal / 2));
}
