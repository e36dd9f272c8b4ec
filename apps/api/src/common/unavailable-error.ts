const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

// SQLSTATE: class 08 = connection exception; 53300 too many connections; 57014 statement timeout;
// 57P01-57P03 = server shutting down or not accepting connections yet.
const POSTGRES_UNAVAILABLE = /^(08...|53300|57014|57P0[1-3])$/;

const MESSAGES = [
  /enableOfflineQueue options is false/, // ioredis while disconnected
  /Connection is closed/, // ioredis, BullMQ
  /Reached the max retries per request limit/, // ioredis
  /Connection terminated/, // pg
  /timeout exceeded when trying to connect/, // pg pool
  /Connection terminated due to connection timeout/,
  /Driver not Connected|DataSource is not initialized|Connection .* is not established/i, // TypeORM before/after a failed connect
];

const NAMES = new Set(['MaxRetriesPerRequestError', 'ConnectionClosedError']);

/**
 * True when an error means Redis or Postgres cannot be reached (or is shutting down, or timed out),
 * as opposed to a bug: such failures become 503 with Retry-After instead of 500. Follows
 * `driverError` (TypeORM) and `cause` links.
 */
export function isUnavailableError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current instanceof Object && depth < 4; depth++) {
    const candidate = current as { name?: unknown; message?: unknown; code?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && (NETWORK_CODES.has(candidate.code) || POSTGRES_UNAVAILABLE.test(candidate.code))) return true;
    if (typeof candidate.name === 'string' && NAMES.has(candidate.name)) return true;
    if (typeof candidate.message === 'string' && MESSAGES.some((pattern) => pattern.test(candidate.message as string))) return true;
    current = candidate.driverError ?? candidate.cause;
  }
  return false;
}
