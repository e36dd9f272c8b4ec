/**
 * What a failed trigger means for the message:
 * - `transient`: the target could not take it now (network error, timeout, 5xx, 408, 429, 401); try
 *   the same message again later, keeping later messages behind it.
 * - `permanent`: the message itself is refused (other 4xx, or the SDK rejected it before sending);
 *   retrying cannot help, so it fails at once and the ones behind it go on.
 *
 * `scope` says who is affected: `target` when the whole endpoint is down (every app's deliveries
 * should pause), `app` when only this app is refused (quota, credentials).
 */
export interface DeliveryFailure {
  kind: 'transient' | 'permanent';
  scope: 'target' | 'app';
  /** HTTP status when the target answered. */
  status?: number;
  /** True for 401: the app's credentials may have changed, so reload them before the next try. */
  staleCredentials: boolean;
  /** Short text for `messages.last_error` and logs; never contains credentials. */
  message: string;
}

/** Raised when a message names an app that does not exist or is disabled. */
export class AppUnavailableError extends Error {
  constructor(appId: string, reason: 'unknown' | 'disabled') {
    super(`app ${appId} is ${reason === 'unknown' ? 'unknown' : 'disabled'}`);
    this.name = 'AppUnavailableError';
  }
}

/** Raised when an app's credentials cannot be read (Postgres unavailable); retried like a network error. */
export class CredentialsLookupError extends Error {
  constructor(appId: string, cause: unknown) {
    super(`cannot read the credentials of app ${appId}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'CredentialsLookupError';
  }
}

interface PusherRequestErrorLike {
  name: 'PusherRequestError';
  status?: number;
  body?: string;
  error?: { message?: string; code?: string; name?: string };
}

const BODY_EXCERPT = 300;

function isRequestError(error: unknown): error is PusherRequestErrorLike {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'PusherRequestError';
}

/** Classifies an error thrown by `pusher.trigger` / `triggerBatch` (or by our own target lookup). */
export function classifyDeliveryError(error: unknown): DeliveryFailure {
  if (isRequestError(error)) {
    const status = error.status;
    if (status === undefined) {
      const cause = error.error;
      const detail = cause?.name === 'AbortError' ? 'timed out' : (cause?.code ?? cause?.message ?? 'request failed');
      return { kind: 'transient', scope: 'target', staleCredentials: false, message: `network error: ${detail}` };
    }
    const body = (error.body ?? '').slice(0, BODY_EXCERPT).trim();
    const message = body ? `HTTP ${String(status)}: ${body}` : `HTTP ${String(status)}`;
    if (status >= 500 || status === 408) return { kind: 'transient', scope: 'target', status, staleCredentials: false, message };
    if (status === 429) return { kind: 'transient', scope: 'app', status, staleCredentials: false, message };
    if (status === 401) return { kind: 'transient', scope: 'app', status, staleCredentials: true, message };
    return { kind: 'permanent', scope: 'app', status, staleCredentials: false, message };
  }
  if (error instanceof CredentialsLookupError) {
    return { kind: 'transient', scope: 'app', staleCredentials: false, message: error.message.slice(0, BODY_EXCERPT) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'permanent', scope: 'app', staleCredentials: false, message: message.slice(0, BODY_EXCERPT) };
}
