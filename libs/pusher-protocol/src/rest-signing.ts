import { REST_TIMESTAMP_WINDOW_SECONDS } from './limits';
import { hmacSha256Hex, md5Hex, safeEqual } from './signatures';

/** The only `auth_version` Pusher has ever defined. */
export const REST_AUTH_VERSION = '1.0';

/** Query keys the signing scheme owns; callers may not pass them as their own parameters. */
export const RESERVED_REST_QUERY_KEYS: readonly string[] = ['auth_key', 'auth_timestamp', 'auth_version', 'auth_signature', 'body_md5'];

/** A REST request to sign, as pusher-http-node builds it. */
export interface SignRestRequestInput {
  method: string;
  /** Full path including `/apps/{id}`, without the query string. */
  path: string;
  /** The caller's own query parameters (not URL-encoded). */
  query?: Readonly<Record<string, string | number>>;
  /** The exact body string sent, if any; its MD5 is signed. */
  body?: string;
  key: string;
  secret: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
}

/**
 * Signs a REST request exactly as pusher@5 `createSignedQueryString`: adds `auth_key`, `auth_timestamp`,
 * `auth_version=1.0`, `body_md5` (when there is a non-empty body) and `auth_signature` to the caller's query.
 * Returns the full query (values not URL-encoded; see `restQueryString`). Throws if the query uses a reserved key.
 */
export function signRestRequest(input: SignRestRequestInput): Record<string, string> {
  const params: Record<string, string> = {
    auth_key: input.key,
    auth_timestamp: String(input.timestamp ?? Math.floor(Date.now() / 1000)),
    auth_version: REST_AUTH_VERSION,
  };
  if (input.body) params.body_md5 = md5Hex(input.body);
  for (const [name, value] of Object.entries(input.query ?? {})) {
    if (RESERVED_REST_QUERY_KEYS.includes(name)) throw new Error(`${name} is a reserved parameter and cannot be overridden`);
    params[name] = String(value);
  }
  params.auth_signature = hmacSha256Hex(input.secret, restStringToSign(input.method, input.path, params));
  return params;
}

/**
 * `METHOD\npath\nk=v&k=v`: the parameters except `auth_signature`, sorted by key in code-unit order, joined
 * without URL-encoding. Keys are used as given (the verifier lowercases them first).
 */
export function restStringToSign(method: string, path: string, params: Readonly<Record<string, string>>): string {
  const pairs: string[] = [];
  for (const name of Object.keys(params).sort(compareCodeUnits)) {
    if (name !== 'auth_signature') pairs.push(`${name}=${params[name]}`);
  }
  return `${method.toUpperCase()}\n${path}\n${pairs.join('&')}`;
}

/** A URL query string for signed parameters: sorted, URL-encoded, `auth_signature` last. */
export function restQueryString(params: Readonly<Record<string, string>>): string {
  const names = Object.keys(params)
    .filter((name) => name !== 'auth_signature')
    .sort(compareCodeUnits);
  if (params.auth_signature !== undefined) names.push('auth_signature');
  return names.map((name) => `${encodeURIComponent(name)}=${encodeURIComponent(params[name])}`).join('&');
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A query value as HTTP frameworks hand it over: repeated keys may arrive as arrays. */
export type RestQueryValue = string | readonly string[] | undefined;

/** A signed REST request as received. */
export interface VerifyRestRequestInput {
  method: string;
  /** The request path as received (still percent-encoded), without the query string. */
  path: string;
  /** Decoded query parameters. */
  query: Readonly<Record<string, RestQueryValue>>;
  /** The exact body received (bytes, or their UTF-8 text); undefined or empty when there is none. Never re-serialized JSON. */
  rawBody?: string | Buffer;
  /**
   * The secrets that may have signed for this key, or undefined when the key is unknown (or not the key of the
   * app named in the path). Several secrets allow rotation without downtime.
   */
  appKeyLookup: (key: string) => string | readonly string[] | undefined;
  /** Server time in Unix milliseconds; defaults to `Date.now()`. */
  now?: number;
  /** Accepted clock difference in seconds (default 600): |now − auth_timestamp| must be below it. */
  windowSeconds?: number;
}

/** Outcome of `verifyRestRequest`: the authenticated key, or an HTTP status with a message for the caller. */
export type RestVerification = { ok: true; key: string } | { ok: false; status: 400 | 401; message: string };

const REQUIRED_AUTH_PARAMS = ['auth_key', 'auth_timestamp', 'auth_version', 'auth_signature'] as const;

/**
 * Authenticates a REST request signed the Pusher way (pusher@5 SDK, `mloughran/signature`). Query keys are
 * lowercased, the MD5 of the raw body is compared with `body_md5`, and the signature is compared in constant time
 * over the path as received and, failing that, the percent-decoded path. Each failure has its own message:
 * missing auth parameters, unsupported `auth_version`, unknown key, timestamp outside the window (with the server
 * time), `body_md5` missing or wrong, and a bad signature (with the expected string to sign, as Pusher answers).
 * A key given twice is a 400. Never throws.
 */
export function verifyRestRequest(input: VerifyRestRequestInput): RestVerification {
  const params: Record<string, string> = {};
  for (const [rawName, value] of Object.entries(input.query)) {
    if (value === undefined) continue;
    const name = rawName.toLowerCase();
    if (Array.isArray(value) || Object.prototype.hasOwnProperty.call(params, name)) {
      return { ok: false, status: 400, message: `Query parameter "${name}" is given more than once` };
    }
    // Frameworks with nested query parsing turn `a[b]=c` into objects, which no Pusher signer produces.
    if (typeof value !== 'string') return { ok: false, status: 400, message: `Query parameter "${name}" must be a plain value` };
    params[name] = value;
  }

  const missing = REQUIRED_AUTH_PARAMS.filter((name) => !params[name]);
  if (missing.length > 0) return unauthorized(`Missing authentication parameter(s): ${missing.join(', ')}`);

  if (params.auth_version !== REST_AUTH_VERSION) {
    return unauthorized(`Unsupported auth_version "${params.auth_version}": only ${REST_AUTH_VERSION} is supported`);
  }

  const lookedUp = input.appKeyLookup(params.auth_key);
  const secrets = typeof lookedUp === 'string' ? [lookedUp] : (lookedUp ?? []);
  if (secrets.length === 0) return unauthorized(`Unknown auth_key "${params.auth_key}" for this app`);

  const nowSeconds = Math.floor((input.now ?? Date.now()) / 1000);
  const windowSeconds = input.windowSeconds ?? REST_TIMESTAMP_WINDOW_SECONDS;
  const timestamp = /^\d{1,15}$/.test(params.auth_timestamp) ? Number(params.auth_timestamp) : NaN;
  if (!(Math.abs(nowSeconds - timestamp) < windowSeconds)) {
    return unauthorized(
      `Timestamp expired: Given timestamp (${params.auth_timestamp}) not within ${windowSeconds}s of server time (${nowSeconds})`,
    );
  }

  const body = input.rawBody ?? '';
  if (body.length > 0 || params.body_md5 !== undefined) {
    if (params.body_md5 === undefined) return unauthorized('Missing body_md5: requests with a body must sign its MD5');
    const expected = md5Hex(body);
    if (!safeEqual(params.body_md5.toLowerCase(), expected)) {
      return unauthorized(`body_md5 mismatch: the body received has MD5 ${expected}, but body_md5 is ${params.body_md5}`);
    }
  }

  const stringToSign = restStringToSign(input.method, input.path, params);
  const candidates = [stringToSign];
  const decodedPath = safeDecode(input.path);
  if (decodedPath !== input.path) candidates.push(restStringToSign(input.method, decodedPath, params));
  let valid = false;
  for (const secret of secrets) {
    for (const candidate of candidates) {
      // No early exit: every candidate costs the same, whichever matches.
      if (safeEqual(params.auth_signature, hmacSha256Hex(secret, candidate))) valid = true;
    }
  }
  if (!valid) {
    return unauthorized(
      `Invalid signature: you should have sent HmacSHA256Hex(${JSON.stringify(stringToSign)}, your_secret_key), but you sent ${JSON.stringify(params.auth_signature)}`,
    );
  }
  return { ok: true, key: params.auth_key };
}

function unauthorized(message: string): RestVerification {
  return { ok: false, status: 401, message };
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
