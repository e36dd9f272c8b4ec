import { IsArray, IsOptional, IsString, Length } from 'class-validator';

/**
 * Body of `POST /apps/{id}/events` (pusher SDK `trigger`). Shape only; the protocol rules (channel
 * names and count, sizes, socket id, info) are checked by `toTriggerCommand`. Fields the SDK spreads
 * in from caller params that we do not know are dropped.
 */
export class TriggerEventDto {
  @IsString({ message: 'name must be a string: the event name' })
  name!: string;

  @IsString({ message: 'data must be a string: JSON-encode objects before sending them' })
  data!: string;

  @IsOptional()
  @IsArray({ message: 'channels must be an array of channel names' })
  @IsString({ each: true, message: 'channels must contain only strings' })
  channels?: string[];

  @IsOptional()
  @IsString({ message: 'channel must be a string' })
  channel?: string;

  @IsOptional()
  @IsString({ message: 'socket_id must be a string like "123.456"' })
  socket_id?: string;

  @IsOptional()
  @IsString({ message: 'info must be a comma-separated string, e.g. "subscription_count,user_count"' })
  info?: string;

  /** Pusher Me extension: a repeat with the same key within the idempotency window is not published again. */
  @IsOptional()
  @IsString({ message: 'idempotency_key must be a string' })
  @Length(1, 200, { message: 'idempotency_key must be 1 to 200 characters' })
  idempotency_key?: string;
}
