/**
 * Pusher error and WebSocket close codes. pusher-js decides whether to reconnect from the close code alone (or
 * from `data.code` of a `pusher:error` received during the handshake), by range. A `pusher:error` sent on an
 * established connection is only surfaced as an `error` event, whatever its code.
 */
export const CloseCode = {
  // 4000: pusher-js switches to TLS (wss) and reconnects at once.
  /** The app only accepts TLS connections. */
  TlsOnly: 4000,

  // 4001-4099: refused. pusher-js goes to `disconnected` and does not reconnect with the same settings.
  /** No app has this key. */
  AppNotFound: 4001,
  /** The app exists but is disabled. */
  AppDisabled: 4003,
  /** The app is over its connection quota. */
  OverConnectionQuota: 4004,
  /** The WebSocket path is not `/app/{key}`. */
  PathNotFound: 4005,
  /** `protocol` is not an integer. */
  InvalidVersionFormat: 4006,
  /** `protocol` is outside the supported versions. */
  UnsupportedProtocolVersion: 4007,
  /** `protocol` is missing. */
  NoProtocolVersion: 4008,
  /** Sign-in failed, the user was terminated, or the connection was not authorized in time. */
  Unauthorized: 4009,

  // 4100-4199: back off. pusher-js reconnects after about 1 s.
  /** The server is over capacity. */
  OverCapacity: 4100,

  // 4200-4299: retry. pusher-js reconnects immediately.
  /** Generic "reconnect now", e.g. the node is shutting down or draining. */
  ReconnectImmediately: 4200,
  /** The client did not answer a server ping in time. */
  PongNotReceived: 4201,
  /** Closed after inactivity (for clients that cannot ping). */
  ClosedAfterInactivity: 4202,

  // 4300+: other errors. Sent in-band as `pusher:error` without closing; as a close code pusher-js treats it as refused.
  /** A client event was dropped because the connection exceeded its client-event rate. */
  ClientEventRateLimit: 4301,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** A short default message per code, for `pusher:error` data and the WebSocket close reason (≤ 123 bytes). */
export const CLOSE_MESSAGES: Readonly<Record<CloseCode, string>> = {
  [CloseCode.TlsOnly]: 'Application only accepts TLS connections; reconnect with wss',
  [CloseCode.AppNotFound]: 'Application does not exist',
  [CloseCode.AppDisabled]: 'Application is disabled',
  [CloseCode.OverConnectionQuota]: 'Application is over its connection quota',
  [CloseCode.PathNotFound]: 'Path not found; connect to /app/{key}',
  [CloseCode.InvalidVersionFormat]: 'Invalid version string format',
  [CloseCode.UnsupportedProtocolVersion]: 'Unsupported protocol version',
  [CloseCode.NoProtocolVersion]: 'No protocol version supplied',
  [CloseCode.Unauthorized]: 'Connection is unauthorized',
  [CloseCode.OverCapacity]: 'Over capacity',
  [CloseCode.ReconnectImmediately]: 'Please reconnect immediately',
  [CloseCode.PongNotReceived]: 'Pong reply not received in time',
  [CloseCode.ClosedAfterInactivity]: 'Closed after inactivity',
  [CloseCode.ClientEventRateLimit]: 'Client event rejected due to rate limit',
};

/** What pusher-js does when the socket closes with a code (its `getCloseAction`); null = clean or plain retry. */
export type CloseAction = 'tls_only' | 'refused' | 'backoff' | 'retry' | null;

/** The reaction pusher-js 8 has to a close code, mirrored here so server choices can be checked against it. */
export function closeAction(code: number): CloseAction {
  if (code < 4000) return code >= 1002 && code <= 1004 ? 'backoff' : null;
  if (code === 4000) return 'tls_only';
  if (code < 4100) return 'refused';
  if (code < 4200) return 'backoff';
  if (code < 4300) return 'retry';
  return 'refused';
}
