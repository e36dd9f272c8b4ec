import { Injectable } from '@nestjs/common';
import type { AppEntity } from '@app/database';
import {
  channelKind,
  channelSharedSecret,
  parseChannelData,
  requiresChannelAuth,
  signChannelAuth,
  signUserAuth,
  validateChannelName,
  validateSocketId,
} from '@app/pusher-protocol';
import { canListen, EndUser, userInfoOf } from '../../auth';
import { DomainException } from '../../common/domain.exception';
import { ErrorCode } from '../../common/error-code';
import type { ChannelAuthResponseDto, UserAuthResponseDto } from './dto/authorize-channel.dto';

function checkSocketId(socketId: string): void {
  if (!validateSocketId(socketId))
    throw DomainException.validation('socket_id', 'socket_id must look like 1234.5678 (digits, a dot, digits)');
}

/**
 * Signs channel authorizations and user sign-ins for an end user, the way pusher-http-node does, so
 * both our realtime server and hosted Pusher accept them. The member and user data come from the token only.
 */
@Injectable()
export class ChannelAuthService {
  authorizeChannel(app: AppEntity, user: EndUser, socketId: string, channel: string): ChannelAuthResponseDto {
    checkSocketId(socketId);
    const invalid = validateChannelName(channel);
    if (invalid !== null) throw DomainException.validation('channel_name', invalid);
    const kind = channelKind(channel);
    if (!requiresChannelAuth(kind)) {
      throw DomainException.validation('channel_name', `Channel "${channel}" is ${kind}: it needs no authorization`);
    }
    if (!canListen(user, channel)) {
      throw new DomainException(ErrorCode.Forbidden, `Channel "${channel}" is not among the channels this token may listen to`);
    }
    const signing = { key: app.key, secret: app.secret, socketId, channel };
    if (kind === 'presence') {
      const userInfo = userInfoOf(user);
      const channelData = JSON.stringify(userInfo === undefined ? { user_id: user.id } : { user_id: user.id, user_info: userInfo });
      const member = parseChannelData(channelData);
      if (typeof member === 'string')
        throw DomainException.validation('token', `The token's user cannot join presence channels: ${member}`);
      return { auth: signChannelAuth({ ...signing, channelData }), channel_data: channelData };
    }
    if (kind === 'private-encrypted') {
      if (!app.encryptionMasterKey) {
        throw new DomainException(
          ErrorCode.Forbidden,
          `App ${app.id} has no encryption master key, so private-encrypted- channels are off`,
        );
      }
      return { auth: signChannelAuth(signing), shared_secret: channelSharedSecret(app.encryptionMasterKey, channel).toString('base64') };
    }
    return { auth: signChannelAuth(signing) };
  }

  authenticateUser(app: AppEntity, user: EndUser, socketId: string): UserAuthResponseDto {
    checkSocketId(socketId);
    const userInfo = userInfoOf(user);
    const userData = JSON.stringify(userInfo === undefined ? { id: user.id } : { id: user.id, user_info: userInfo });
    return { auth: signUserAuth({ key: app.key, secret: app.secret, socketId, userData }), user_data: userData };
  }
}
