import { Module } from '@nestjs/common';
import { BullWebhookEmitter } from './bull-webhook-emitter';
import { BullWebhookProcessor } from './bull-webhook-processor';
import { WebhookEmitter } from './webhook-emitter';

/** Webhooks of the realtime app: exports WebhookEmitter and runs this node's share of deliveries. */
@Module({
  providers: [{ provide: WebhookEmitter, useClass: BullWebhookEmitter }, BullWebhookProcessor],
  exports: [WebhookEmitter],
})
export class WebhooksModule {}
