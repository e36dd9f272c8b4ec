import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainException, FieldError } from '../common/domain.exception';
import { ERROR_STATUS, ErrorCode } from '../common/error-code';
import { isUnavailableError } from '../common/unavailable-error';

/** Body of every error answer. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: FieldError[];
}

/** Seconds a client should wait before retrying after a 503. */
export const RETRY_AFTER_SECONDS = 5;

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.ValidationFailed,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  429: ErrorCode.RateLimited,
  503: ErrorCode.Unavailable,
};

/** Errors raised by body parsing (malformed JSON, too large) carry an HTTP status and a safe message. */
function isBodyParserError(error: unknown): error is { status: number; type: string; message: string } {
  const candidate = error as { status?: unknown; type?: unknown; expose?: unknown } | null;
  return typeof candidate?.status === 'number' && typeof candidate.type === 'string' && candidate.expose === true;
}

/**
 * The one place errors become HTTP answers: domain exceptions by their code, framework HTTP
 * exceptions by their status, Redis/Postgres outages as 503 with Retry-After, anything else as a
 * logged, generic 500 that reveals no internals.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    const body = this.toBody(exception);
    if (body.statusCode === 503) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainException) {
      const body: ErrorBody = { statusCode: ERROR_STATUS[exception.code], error: exception.code, message: exception.message };
      return exception.details ? { ...body, details: exception.details } : body;
    }
    if (exception instanceof HttpException) return this.fromHttpException(exception);
    if (isBodyParserError(exception)) {
      return { statusCode: exception.status, error: CODE_BY_STATUS[exception.status] ?? 'bad_request', message: exception.message };
    }
    if (isUnavailableError(exception)) {
      this.logger.warn(`backing service unavailable: ${(exception as Error).message}`);
      return { statusCode: 503, error: ErrorCode.Unavailable, message: 'A backing service is unavailable; retry later' };
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return { statusCode: 500, error: 'internal_error', message: 'Internal server error' };
  }

  private fromHttpException(exception: HttpException): ErrorBody {
    const statusCode = exception.getStatus();
    const answer = exception.getResponse();
    const raw = typeof answer === 'string' ? answer : (answer as { message?: unknown }).message;
    const message = Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : exception.message;
    const error = CODE_BY_STATUS[statusCode] ?? (statusCode >= 500 ? 'internal_error' : (HttpStatus[statusCode]?.toLowerCase() ?? 'error'));
    return { statusCode, error, message };
  }
}
