/**
 * Remembers `idempotency_key`s of accepted triggers per app for a window (REALTIME_IDEMPOTENCY_WINDOW_SECONDS,
 * default 300 s), so a retried request is acknowledged without publishing twice.
 */
export abstract class TriggerIdempotency {
  /** True when the key is new for this app (and is now taken); false when it was seen within the window. */
  abstract claim(appId: string, key: string): Promise<boolean>;

  /** Forgets a claimed key, so a trigger that failed to publish can be retried. */
  abstract release(appId: string, key: string): Promise<void>;
}
