import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';

/**
 * Gives every REST API failure the same JSON shape, `{"error": "...", "code": status}`: RestApiError as
 * it is, other HTTP exceptions (validation, routing) with their message, anything else as a 500 without
 * internals, logged.
 */
@Catch()
export class RestApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(RestApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      response.status(status).json({ error: messageOf(exception), code: status });
      return;
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    response.status(500).json({ error: 'Internal server error; the event may not have been published, retry it', code: 500 });
  }
}

function messageOf(exception: HttpException): string {
  const body = exception.getResponse();
  if (typeof body === 'string') return body;
  const { error, message } = body as { error?: unknown; message?: unknown };
  if (Array.isArray(message)) return message.map(String).join('; ');
  if (typeof message === 'string') return message;
  if (typeof error === 'string') return error;
  return exception.message;
}
