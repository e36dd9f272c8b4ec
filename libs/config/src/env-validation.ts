import { plainToInstance, Transform, TransformFnParams } from 'class-transformer';
import { ValidateBy, ValidationOptions, validateSync, ValidationError } from 'class-validator';

/** Thrown when an environment variable does not have an accepted form; names every bad variable. */
export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

function describe(error: ValidationError, env: Record<string, unknown>): string {
  const given = env[error.property];
  const raw = given === undefined ? 'unset' : JSON.stringify(given);
  const reasons = Object.values(error.constraints ?? {}).join('; ');
  return `${error.property}=${raw}: ${reasons}`;
}

/**
 * Validates environment variables against a class of decorated fields. Unset variables keep the
 * field's default; empty strings count as unset. Throws ConfigValidationError listing each problem.
 */
export function validateEnv<T extends object>(schema: new () => T, env: NodeJS.ProcessEnv): T {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const instance = plainToInstance(schema, present, { exposeDefaultValues: true });
  const errors = validateSync(instance, { skipMissingProperties: false, forbidUnknownValues: false });
  if (errors.length > 0) throw new ConfigValidationError(errors.map((error) => describe(error, present)));
  return instance;
}

const raw = ({ obj, key }: TransformFnParams): unknown => (obj as Record<string, unknown>)[key];

/** Parses a decimal integer; anything else becomes NaN so the integer validator reports it. */
export const ToInt = () =>
  Transform((params) => {
    const value = raw(params);
    if (typeof value === 'number') return value;
    return typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  });

/** Accepts true/false/1/0/yes/no/on/off (any case); other text is kept so the validator names it. */
export const ToBoolean = () =>
  Transform((params) => {
    const value = raw(params);
    if (typeof value === 'boolean') return value;
    const text = String(value).trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(text)) return true;
    if (['false', '0', 'no', 'off'].includes(text)) return false;
    return value;
  });

/** Splits a comma-separated list, trimming items and dropping empty ones. */
export const ToList = () =>
  Transform((params) => {
    const value = raw(params);
    if (Array.isArray(value)) return value as unknown[];
    return String(value)
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0);
  });

/** A TCP port number, 0-65535 (0 asks the OS for a free port). */
export const IsPort = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isPort',
      validator: {
        validate: (value: unknown) => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 65535,
        defaultMessage: () => 'must be a port number from 0 to 65535',
      },
    },
    options,
  );

/** A whole number within [min, max]. */
export const IsIntInRange = (min: number, max: number, options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isIntInRange',
      validator: {
        validate: (value: unknown) => Number.isInteger(value) && (value as number) >= min && (value as number) <= max,
        defaultMessage: () => `must be a whole number from ${min} to ${max}`,
      },
    },
    options,
  );

/** A URL whose scheme is one of the given ones, e.g. ['redis', 'rediss']. */
export const IsUrlWithScheme = (schemes: string[], example: string, options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isUrlWithScheme',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          try {
            const url = new URL(value);
            return schemes.includes(url.protocol.replace(/:$/, '')) && url.hostname.length > 0;
          } catch {
            return false;
          }
        },
        defaultMessage: () => `must be a URL like ${example}`,
      },
    },
    options,
  );

/** One of a fixed set of words. */
export const IsOneOf = (choices: readonly string[], options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isOneOf',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && choices.includes(value),
        defaultMessage: () => `must be one of ${choices.join(', ')}`,
      },
    },
    options,
  );
