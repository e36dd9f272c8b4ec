import type { Request } from 'express';
import { RESERVED_REST_QUERY_KEYS, type RestQueryValue } from '@app/pusher-protocol';

/** A request as the api's body parsers leave it: `rawBody` holds the exact bytes received. */
type RequestWithRawBody = Request & { rawBody?: Buffer };

/** Whether the request carries any Pusher signing parameter (`auth_key`, `auth_signature`, ...; any case). */
export function isSignedRequest(request: Request): boolean {
  return Object.keys(request.query).some((name) => RESERVED_REST_QUERY_KEYS.includes(name.toLowerCase()));
}

/** The `auth_key` the request names (any case), or undefined when absent or given more than once. */
export function signedRequestKey(request: Request): string | undefined {
  const entry = Object.entries(request.query).find(([name]) => name.toLowerCase() === 'auth_key');
  return typeof entry?.[1] === 'string' ? entry[1] : undefined;
}

/**
 * What a Pusher signature covers, as received: the path still percent-encoded (the signer signs the path it
 * sends; behind a proxy that rewrites paths, signatures cannot match), the decoded query and the raw body.
 */
export function signedRequestParts(request: Request): {
  method: string;
  path: string;
  query: Record<string, RestQueryValue>;
  rawBody?: Buffer;
} {
  const url = request.originalUrl;
  const queryStart = url.indexOf('?');
  return {
    method: request.method,
    path: queryStart === -1 ? url : url.slice(0, queryStart),
    query: request.query as Record<string, RestQueryValue>,
    rawBody: (request as RequestWithRawBody).rawBody,
  };
}
