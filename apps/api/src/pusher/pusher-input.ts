import { validateChannelName, validateSocketId } from '@app/pusher-protocol';
import { canListen, EndUser } from '../auth';
import { DomainException } from '../common/domain.exception';
import { ErrorCode } from '../common/error-code';

/*
 * Checks shared by the Pusher endpoints, with the protocol's own rules and messages: 400 for a
 * malformed socket id or channel name, 403 for a channel the token may not listen to.
 */

export function requireSocketId(socketId: string, field = 'socket_id'): void {
  if (!validateSocketId(socketId)) throw DomainException.validation(field, `${field} must look like 1234.5678 (digits, a dot, digits)`);
}

export function requireChannelName(channel: string, field: string): void {
  const invalid = validateChannelName(channel);
  if (invalid !== null) throw DomainException.validation(field, invalid);
}

export function requireListen(user: EndUser, channel: string): void {
  if (!canListen(user, channel)) {
    throw new DomainException(ErrorCode.Forbidden, `Channel "${channel}" is not among the channels this token may listen to`);
  }
}

/** A `user_id` the caller sends must be the token's own user (absent is fine where the field is optional). */
export function requireTokenUser(user: EndUser, userId: string | undefined): void {
  if (userId !== undefined && userId !== user.id)
    throw new DomainException(ErrorCode.Forbidden, `user_id "${userId}" is not the token's user`);
}
