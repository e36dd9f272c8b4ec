/** BullMQ queue names; the one place they are spelled. */
export const QUEUES = {
  /** api → worker: messages to deliver through `pusher.trigger`. */
  messages: 'messages',
  /** realtime → receivers: signed webhook batches. */
  webhooks: 'webhooks',
} as const;

/** Job names within the queues. */
export const JOBS = {
  deliverMessage: 'deliver-message',
  sendWebhook: 'send-webhook',
} as const;
