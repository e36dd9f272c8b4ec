import * as protocol from './index';

describe('@app/pusher-protocol', () => {
  it('exports the planned contract', () => {
    const planned = [
      'parseChannel',
      'validateChannelName',
      'isClientEventName',
      'validateEventName',
      'validateSocketId',
      'matchesChannelPattern',
      'hmacSha256Hex',
      'safeEqual',
      'signChannelAuth',
      'verifyChannelAuth',
      'signUserAuth',
      'verifyUserAuth',
      'channelSharedSecret',
      'signWebhook',
      'verifyWebhook',
      'signRestRequest',
      'verifyRestRequest',
      'CloseCode',
      'encodeFrame',
      'encodeError',
      'decodeClientFrame',
      'parseChannelData',
      'MAX_CHANNEL_NAME_LENGTH',
      'MAX_EVENT_NAME_LENGTH',
      'MAX_EVENT_PAYLOAD_BYTES',
      'MAX_CHANNELS_PER_TRIGGER',
      'MAX_EVENTS_PER_BATCH',
      'MAX_PRESENCE_USER_INFO_BYTES',
      'ACTIVITY_TIMEOUT_SECONDS',
    ];
    expect(planned.filter((name) => !(name in protocol))).toEqual([]);
  });
});
