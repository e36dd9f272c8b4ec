import { ValidateBy, ValidationOptions } from 'class-validator';
import { validateEncryptionMasterKey } from '@app/pusher-protocol';

/** Base64 of 32 bytes (an encryption master key), or null to turn encrypted channels off. */
export const IsEncryptionMasterKeyOrNull = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isEncryptionMasterKeyOrNull',
      validator: {
        validate: (value: unknown) => value === null || validateEncryptionMasterKey(value) === null,
        defaultMessage: (args) => `encryption_master_key: ${validateEncryptionMasterKey(args?.value) ?? 'invalid'}`,
      },
    },
    options,
  );

/** A non-negative whole number, or null for "no limit". */
export const IsLimitOrNull = (max: number, options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isLimitOrNull',
      validator: {
        validate: (value: unknown) => value === null || (Number.isInteger(value) && (value as number) >= 0 && (value as number) <= max),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a whole number from 0 to ${max}, or null for no limit`,
      },
    },
    options,
  );
