import { randomBytes } from 'node:crypto';
import { hmacSha256Hex, safeEqual } from '@app/pusher-protocol';

// Comparing keyed digests instead of the strings hides the expected secret's length too.
const DIGEST_KEY = randomBytes(32).toString('hex');

/** Constant-time equality of a presented secret and the expected one, whatever their lengths. */
export function secretsEqual(presented: string, expected: string): boolean {
  return safeEqual(hmacSha256Hex(DIGEST_KEY, presented), hmacSha256Hex(DIGEST_KEY, expected));
}
