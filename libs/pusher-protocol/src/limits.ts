/**
 * Protocol defaults, taken from hosted Pusher and the official SDKs. Apps may configure tighter or looser
 * per-app limits; these are the values used when nothing else is said.
 */

/** Longest channel name, prefix included. The docs say 164, but pusher-http-node allows 200, so we do too. */
export const MAX_CHANNEL_NAME_LENGTH = 200;

/** Longest event name (pusher-http-node `trigger` and `sendToUser`). */
export const MAX_EVENT_NAME_LENGTH = 200;

/** Largest event `data`, in UTF-8 bytes, for API-triggered and client events (HTTP 413 above it). */
export const MAX_EVENT_PAYLOAD_BYTES = 10 * 1024;

/** Channels one `POST /events` may target. */
export const MAX_CHANNELS_PER_TRIGGER = 100;

/** Events one `POST /batch_events` may carry. */
export const MAX_EVENTS_PER_BATCH = 10;

/** Largest presence `user_info`, in UTF-8 bytes of its JSON. */
export const MAX_PRESENCE_USER_INFO_BYTES = 1024;

/** Longest presence `user_id`. */
export const MAX_PRESENCE_USER_ID_LENGTH = 128;

/** Members per presence channel on hosted Pusher; Pusher Me makes this a per-app setting. */
export const MAX_PRESENCE_MEMBERS = 100;

/** Client events one connection may send per second before it gets in-band error 4301. */
export const MAX_CLIENT_EVENTS_PER_SECOND = 10;

/** Ids in a sign-in `watchlist`. */
export const MAX_WATCHLIST_SIZE = 100;

/** Seconds of silence advertised in `pusher:connection_established` before either side pings. Never 0. */
export const ACTIVITY_TIMEOUT_SECONDS = 120;

/** Seconds a pinged peer has to answer before the connection is considered dead (pusher-js default). */
export const PONG_TIMEOUT_SECONDS = 30;

/** A signed REST request is accepted while |server time − auth_timestamp| is below this many seconds. */
export const REST_TIMESTAMP_WINDOW_SECONDS = 600;

/** Protocol versions the WebSocket endpoint accepts (`?protocol=`). pusher-js sends 7. */
export const MIN_PROTOCOL_VERSION = 5;
export const MAX_PROTOCOL_VERSION = 7;
