import { MAX_CHANNELS_PER_TRIGGER, validateChannelName, validateEventName, validateSocketId } from '@app/pusher-protocol';
import type { RealtimeApp } from '../../app-registry/realtime-app';
import { InfoAttributes, parseInfo } from '../channels/info-attributes';
import { RestApiError } from '../errors/rest-api.error';
import type { TriggerEventDto } from './trigger-event.dto';

/** A trigger that passed every protocol rule, ready to publish. */
export interface TriggerCommand {
  channels: string[];
  event: string;
  /** Passed to subscribers byte for byte. */
  data: string;
  socketId?: string;
  info: InfoAttributes;
  idempotencyKey?: string;
}

/**
 * Applies PROTOCOL.md §2.4 to one event: exactly one of `channel`/`channels`, 1 to 100 valid channel
 * names (`#server-to-user-*` included), a valid event name and socket id, known `info` attributes (400),
 * and `data` within the app's `maxEventBytes` (413). `where` prefixes messages (`batch[2].`).
 */
export function toTriggerCommand(app: RealtimeApp, dto: TriggerEventDto, maxChannelNameLength: number, where = ''): TriggerCommand {
  const fail = (message: string, status: 400 | 413 = 400): never => {
    throw new RestApiError(status, `${where}${message}`);
  };
  if (dto.channel !== undefined && dto.channels !== undefined) fail('give either channel or channels, not both');
  const channels = [...new Set(dto.channels ?? (dto.channel !== undefined ? [dto.channel] : []))];
  if (channels.length === 0) fail('channels must name at least one channel');
  if (channels.length > MAX_CHANNELS_PER_TRIGGER) {
    fail(`channels names ${channels.length} channels; at most ${MAX_CHANNELS_PER_TRIGGER} are allowed per event`);
  }
  for (const channel of channels) {
    const reason = validateChannelName(channel, maxChannelNameLength);
    if (reason !== null) fail(reason);
  }
  const eventReason = validateEventName(dto.name);
  if (eventReason !== null) fail(eventReason);
  const socketIdValid: boolean = dto.socket_id === undefined || validateSocketId(dto.socket_id);
  if (!socketIdValid) {
    fail(`socket_id "${dto.socket_id}" is not a socket id; expected digits.digits such as "1234.5678"`);
  }
  const info = parseInfo(dto.info, `${where}info`);
  const bytes = Buffer.byteLength(dto.data, 'utf8');
  if (bytes > app.maxEventBytes) fail(`data is ${bytes} bytes; this app accepts at most ${app.maxEventBytes} bytes per event`, 413);
  return { channels, event: dto.name, data: dto.data, socketId: dto.socket_id, info, idempotencyKey: dto.idempotency_key };
}
