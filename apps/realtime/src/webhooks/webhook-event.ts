/**
 * The webhook events a realtime node reports (PROTOCOL.md §3). Field names are Pusher's wire names,
 * so an event object is sent as it is.
 */
export type WebhookEvent =
  | { name: 'channel_occupied'; channel: string }
  | { name: 'channel_vacated'; channel: string }
  | { name: 'member_added'; channel: string; user_id: string }
  | { name: 'member_removed'; channel: string; user_id: string }
  | { name: 'client_event'; channel: string; event: string; data: string; socket_id: string; user_id?: string }
  | { name: 'cache_miss'; channel: string }
  | { name: 'subscription_count'; channel: string; subscription_count: number };

export type WebhookEventName = WebhookEvent['name'];
