import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainException, FieldError } from '../common/domain.exception';
import { ErrorCode } from '../common/error-code';

/** Flattens nested class-validator errors into `field.path` entries, one per field. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own: FieldError[] = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

/**
 * The api's single ValidationPipe: strips nothing silently (unknown fields are errors), converts
 * payloads to DTO instances, and answers 400 with one entry per offending field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new DomainException(ErrorCode.ValidationFailed, 'Validation failed', fieldErrors(errors)),
  });
}
