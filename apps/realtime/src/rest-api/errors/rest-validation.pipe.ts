import { ValidationError, ValidationPipe } from '@nestjs/common';
import { RestApiError } from './rest-api.error';

/**
 * Validates REST bodies against their DTO: unknown fields are dropped (the pusher SDK passes caller
 * params through), and every problem is named in one 400 message with its path (`batch.2.name ...`).
 */
export function restValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    transform: true,
    exceptionFactory: (errors) => new RestApiError(400, describe(errors).join('; ')),
  });
}

function describe(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => (parent ? `${parent}.${message}` : message));
    return [...own, ...describe(error.children ?? [], path)];
  });
}
