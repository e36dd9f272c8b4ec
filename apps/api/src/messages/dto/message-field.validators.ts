import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';
import { isReservedEventName, validateChannelName, validateEventName, validateSocketId } from '@app/pusher-protocol';

/** Why a channel name (or the first bad one of a list) is invalid, naming its position. */
function channelProblem(args?: ValidationArguments): string {
  const value: unknown = args?.value;
  if (!Array.isArray(value)) return validateChannelName(value) ?? 'invalid channel name';
  const index = value.findIndex((name) => validateChannelName(name) !== null);
  return `${args?.property ?? 'channels'}[${index}]: ${validateChannelName(value[index]) ?? 'invalid channel name'}`;
}

/** A channel name by the Pusher rules (charset, length ≤ 200, `#server-to-user-{id}`); absence is left to IsDefined. */
export const IsChannelName = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isChannelName',
      validator: {
        validate: (value: unknown) => value === undefined || validateChannelName(value) === null,
        defaultMessage: channelProblem,
      },
    },
    options,
  );

/** An event name of 1-200 characters that is not reserved for the server (`pusher:`, `pusher_internal:`). */
export const IsPublishableEventName = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isPublishableEventName',
      validator: {
        validate: (value: unknown) => validateEventName(value) === null && !isReservedEventName(value as string),
        defaultMessage: (args?: ValidationArguments) =>
          validateEventName(args?.value) ??
          `Event name "${String(args?.value)}" is reserved: pusher: and pusher_internal: events come only from the server`,
      },
    },
    options,
  );

/** A Pusher socket id, `digits.digits`. */
export const IsSocketId = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isSocketId',
      validator: {
        validate: (value: unknown) => validateSocketId(value),
        defaultMessage: () => 'socket_id must look like 1234.5678 (the socket_id of a pusher-js connection)',
      },
    },
    options,
  );

/** Fails when the object also has `other` set: the two fields are alternatives. */
export const IsNotWith = (other: string, options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isNotWith',
      constraints: [other],
      validator: {
        validate: (_value: unknown, args?: ValidationArguments) => (args?.object as Record<string, unknown>)[other] === undefined,
        defaultMessage: (args?: ValidationArguments) => `give either ${args?.property ?? 'this'} or ${other}, not both`,
      },
    },
    options,
  );

/** Present in the body: any JSON value, null included (unlike IsDefined). */
export const IsPresent = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isPresent',
      validator: {
        validate: (value: unknown) => value !== undefined,
        defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'value'} is required`,
      },
    },
    options,
  );
