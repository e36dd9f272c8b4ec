import { ErrorCode } from './error-code';

/** Messages about one request field, e.g. `{ field: 'channels.0', messages: ['...'] }`. */
export interface FieldError {
  field: string;
  messages: string[];
}

/**
 * An expected failure raised by services and guards. The global filter turns it into
 * `{statusCode, error, message, details?}` with the status of its code; it is never logged as a fault.
 */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldError[],
  ) {
    super(message);
    this.name = 'DomainException';
  }

  static validation(field: string, ...messages: string[]): DomainException {
    return new DomainException(ErrorCode.ValidationFailed, 'Validation failed', [{ field, messages }]);
  }

  static notFound(what: string): DomainException {
    return new DomainException(ErrorCode.NotFound, `${what} not found`);
  }

  static unavailable(message = 'A backing service is unavailable; retry later'): DomainException {
    return new DomainException(ErrorCode.Unavailable, message);
  }
}
