import type { Request } from 'express';

/** The credentials of an `Authorization` header, or null when it is absent or malformed. */
export type PresentedCredentials = { scheme: 'basic'; user: string; password: string } | { scheme: 'bearer'; token: string };

/** Reads `Basic base64(user:password)` or `Bearer token` (scheme case-insensitive). */
export function readAuthorization(request: Request): PresentedCredentials | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^(\w+) +(\S+)\s*$/.exec(header);
  if (!match) return null;
  const scheme = match[1].toLowerCase();
  if (scheme === 'bearer') return { scheme: 'bearer', token: match[2] };
  if (scheme !== 'basic') return null;
  const decoded = Buffer.from(match[2], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  return { scheme: 'basic', user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
