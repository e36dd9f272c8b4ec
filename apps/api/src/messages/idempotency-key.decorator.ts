import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { DomainException } from '../common/domain.exception';

const VALID = /^[\x21-\x7e]{1,200}$/;

/** The request's `Idempotency-Key` header (1-200 printable ASCII characters), or undefined; 400 when malformed. */
export const IdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<Request>().headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !VALID.test(value)) {
    throw DomainException.validation('Idempotency-Key', 'Idempotency-Key must be 1-200 printable ASCII characters without spaces');
  }
  return value;
});
