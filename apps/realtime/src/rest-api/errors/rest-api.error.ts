import { HttpException } from '@nestjs/common';

/** Statuses the Pusher REST API answers with (PROTOCOL.md §2.2). */
export type RestApiStatus = 400 | 401 | 403 | 404 | 413 | 500 | 503;

/**
 * A REST API failure with a message meant for the caller. The body is `{"error": message, "code": status}`;
 * the pusher SDK hands it to the caller as the `body` of its RequestError.
 */
export class RestApiError extends HttpException {
  constructor(status: RestApiStatus, message: string) {
    super({ error: message, code: status }, status);
    this.message = message;
  }
}
