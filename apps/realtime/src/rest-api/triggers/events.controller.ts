import { Body, Controller, HttpCode, Inject, Post, UseFilters, UseGuards, UsePipes } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@app/config';
import { MAX_EVENTS_PER_BATCH } from '@app/pusher-protocol';
import type { RealtimeApp } from '../../app-registry/realtime-app';
import { CurrentApp } from '../auth/current-app.decorator';
import { RestAuthGuard } from '../auth/rest-auth.guard';
import { RestApiError } from '../errors/rest-api.error';
import { RestApiExceptionFilter } from '../errors/rest-api.exception-filter';
import { restValidationPipe } from '../errors/rest-validation.pipe';
import { TriggerBatchDto } from './trigger-batch.dto';
import { toTriggerCommand } from './trigger-command';
import { TriggerEventDto } from './trigger-event.dto';
import { TriggerService } from './trigger.service';

/** `POST /apps/{id}/events` and `/batch_events`: answers `{}`, or the requested `info` attributes. */
@Controller('apps/:appId')
@UseGuards(RestAuthGuard)
@UseFilters(RestApiExceptionFilter)
@UsePipes(restValidationPipe())
export class EventsController {
  private readonly maxChannelNameLength: number;

  constructor(
    private readonly triggers: TriggerService,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    this.maxChannelNameLength = config.getOrThrow('realtime', { infer: true }).maxChannelNameLength;
  }

  @Post('events')
  @HttpCode(200)
  async trigger(@CurrentApp() app: RealtimeApp, @Body() body: TriggerEventDto): Promise<object> {
    const command = toTriggerCommand(app, body, this.maxChannelNameLength);
    const channels = await this.triggers.trigger(app, command);
    return channels ? { channels } : {};
  }

  @Post('batch_events')
  @HttpCode(200)
  async triggerBatch(@CurrentApp() app: RealtimeApp, @Body() body: TriggerBatchDto): Promise<object> {
    if (body.batch.length === 0) throw new RestApiError(400, 'batch must contain at least one event');
    if (body.batch.length > MAX_EVENTS_PER_BATCH) {
      throw new RestApiError(400, `batch has ${body.batch.length} events; at most ${MAX_EVENTS_PER_BATCH} are allowed`);
    }
    const commands = body.batch.map((item, i) => toTriggerCommand(app, item, this.maxChannelNameLength, `batch[${i}].`));
    const batch = await this.triggers.triggerBatch(app, commands);
    return batch ? { batch } : {};
  }
}
