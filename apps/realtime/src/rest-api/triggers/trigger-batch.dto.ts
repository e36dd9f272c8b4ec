import { Type } from 'class-transformer';
import { IsArray, IsObject, ValidateNested } from 'class-validator';
import { TriggerEventDto } from './trigger-event.dto';

/** Body of `POST /apps/{id}/batch_events` (pusher SDK `triggerBatch`): items are events with one `channel` each. */
export class TriggerBatchDto {
  @IsArray({ message: 'batch must be an array of events' })
  @IsObject({ each: true, message: 'each batch item must be an object' })
  @ValidateNested({ each: true })
  @Type(() => TriggerEventDto)
  batch!: TriggerEventDto[];
}
