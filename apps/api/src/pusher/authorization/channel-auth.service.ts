import { Injectable } from '@nestjs/common';
import type { AppEntity } from '@app/database';
import {
  channelKind,
  channelSharedSecret,
  parseChannelData,
  requiresChannelAuth,
  signChannelAuth,
  signUserAuth,
} from '@app/pusher-protocol';
import { EndUser, userInfoOf } from '../../auth';
import { DomainException } from '../../common/domain.exception';
import { ErrorCode } from '../../common/error-code';
import { requireChannelName, requireListen, requireSocketId } from '../pusher-input';
import type { ChannelAuthResponseDto, UserAuthResponseDto } from './dto/authorize-channel.dto';

/**
 * Signs channel authorizations and user sign-ins for an end user, the way pusher-http-node does, so
 * both our realtime server and hosted Pusher accept them. The member and user data come from the token only.
 */
@Injectable()
export class ChannelAuthService {
  authorizeChannel(app: AppEntity, user: EndUser, socketId: string, channel: string): ChannelAuthResponseDto {
    requireSocketId(socketId);
    requireChannelName(channel, 'channel_name');
    const kind = channelKind(channel);
    if (!requiresChannelAuth(kind)) {
      throw DomainException.validation('channel_name', `Channel "${channel}" is ${kind}: it needs no authorization`);
    }
    requireListen(user, channel);
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
    requireSocketId(socketId);
    const userInfo = userInfoOf(user);
    const userData = JSON.stringify(userInfo === undefined ? { id: user.id } : { id: user.id, user_info: userInfo });
    return { auth: signUserAuth({ key: app.key, secret: app.secret, socketId, userData }), user_data: userData };
  }
}
