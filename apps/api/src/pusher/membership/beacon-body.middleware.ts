import { text } from 'express';
import type { NextFunction, Request, Response } from 'express';
import { DomainException } from '../../common/domain.exception';

const parseText = text({ type: 'text/plain', limit: '16kb' });

/**
 * `navigator.sendBeacon` posts strings as text/plain, which the api's parsers skip: read such a body
 * as JSON so the route sees the same fields as from fetch. Other content types pass untouched.
 */
export function beaconBodyMiddleware(request: Request, response: Response, next: NextFunction): void {
  parseText(request, response, (error?: unknown) => {
    if (error) return next(error);
    if (typeof request.body !== 'string') return next();
    try {
      const parsed: unknown = JSON.parse(request.body);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      request.body = parsed;
      next();
    } catch {
      next(DomainException.validation('body', 'A text/plain body must be a JSON object'));
    }
  });
}
