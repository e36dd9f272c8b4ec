import { ArgumentsHost, Logger, NotFoundException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { DomainException } from '../common/domain.exception';
import { ErrorCode } from '../common/error-code';
import { ApiExceptionFilter, ErrorBody } from './api-exception.filter';

/** Runs the filter against a minimal response and returns what it answered. */
function answer(exception: unknown): { status: number; body: ErrorBody; headers: Record<string, string> } {
  const result = { status: 0, body: undefined as unknown as ErrorBody, headers: {} as Record<string, string> };
  const response = {
    headersSent: false,
    setHeader: (name: string, value: string) => (result.headers[name] = value),
    status(code: number) {
      result.status = code;
      return this;
    },
    json: (body: ErrorBody) => (result.body = body),
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new ApiExceptionFilter().catch(exception, host);
  return result;
}

describe('ApiExceptionFilter', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  it('maps domain exceptions by code, with their details', () => {
    const { status, body } = answer(DomainException.validation('channel', 'bad name'));
    expect(status).toBe(400);
    expect(body).toEqual({
      statusCode: 400,
      error: 'validation_failed',
      message: 'Validation failed',
      details: [{ field: 'channel', messages: ['bad name'] }],
    });
    expect(answer(new DomainException(ErrorCode.IdempotencyKeyReused, 'reused')).status).toBe(422);
  });

  it('keeps the status and message of framework HTTP exceptions', () => {
    expect(answer(new NotFoundException('Cannot GET /x')).body).toEqual({ statusCode: 404, error: 'not_found', message: 'Cannot GET /x' });
    expect(answer(new ThrottlerException('slow down')).body).toMatchObject({ statusCode: 429, error: 'rate_limited' });
  });

  it('answers body parser failures with their status', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413, type: 'entity.too.large', expose: true });
    expect(answer(tooLarge).body).toEqual({ statusCode: 413, error: 'payload_too_large', message: 'request entity too large' });
  });

  it('turns Redis or Postgres outages into 503 with Retry-After', () => {
    const { status, headers, body } = answer(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
    expect(status).toBe(503);
    expect(headers['Retry-After']).toBe('5');
    expect(body.error).toBe('unavailable');
    expect(body.message).not.toContain('5432');
  });

  it('hides the internals of unexpected errors behind a generic 500', () => {
    const { status, body } = answer(new TypeError("Cannot read properties of undefined (reading 'secret')"));
    expect(status).toBe(500);
    expect(body).toEqual({ statusCode: 500, error: 'internal_error', message: 'Internal server error' });
  });
});
