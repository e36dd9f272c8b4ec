import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from './error-response.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request; `details` lists the problems per field.',
  401: 'Credentials missing or invalid.',
  403: 'Authenticated, but not allowed (app disabled, admin API off, channel not permitted).',
  404: 'No such resource.',
  409: 'The resource is not in a state that allows this.',
  413: 'Body or event data larger than allowed.',
  422: 'The Idempotency-Key was already used with a different message.',
  429: 'Rate limited; wait `Retry-After` seconds.',
  503: 'Redis or Postgres is unavailable; retry after `Retry-After` seconds.',
};

/** Documents the error answers of an operation (each with the ErrorResponseDto body); 429 and 503 are always included. */
export function ApiErrors(...statuses: number[]) {
  const all = [...new Set([...statuses, 429, 503])].sort();
  return applyDecorators(
    ...all.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        type: ErrorResponseDto,
        headers:
          status === 503 || status === 429 ? { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } : undefined,
      }),
    ),
  );
}

/** Documents the optional `Idempotency-Key` request header. */
export const ApiIdempotencyKey = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Up to 200 printable characters. Repeating a request with the same key returns the first message instead of storing a second one.',
  });
