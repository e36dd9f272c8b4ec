/**
 * Where the outcome of each delivery is recorded (the `messages` row). Every method is
 * idempotent and never moves a `delivered` message back to another status.
 */
export abstract class MessageStatusRepository {
  /** Marks a message `delivered` now, with its attempt count; resolves once committed. */
  abstract markDelivered(id: string, attempts: number): Promise<void>;

  /** Marks a message `failed` with its attempt count and the reason of the last failure. */
  abstract markFailed(id: string, attempts: number, lastError: string): Promise<void>;

  /** Records a failed attempt of a message that will be tried again (status stays `queued`). */
  abstract recordAttempt(id: string, attempts: number, lastError: string): Promise<void>;
}
