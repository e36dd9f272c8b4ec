import { CloseCode, MAX_PROTOCOL_VERSION, MIN_PROTOCOL_VERSION } from '@app/pusher-protocol';

/** The outcome of checking a WebSocket upgrade's URL: the app key, or the code to refuse with. */
export type UpgradeCheck = { ok: true; appKey: string; protocol: number } | { ok: false; code: CloseCode; message: string };

/**
 * Checks `{pathPrefix}/app/{key}?protocol=N` (PROTOCOL.md §1.1): another path → 4005; `protocol`
 * missing → 4008, not an integer → 4006, outside 5..7 → 4007. Other query parameters are ignored.
 */
export function checkUpgradeRequest(url: string | undefined, pathPrefix: string): UpgradeCheck {
  const parsed = new URL(url ?? '/', 'http://localhost');
  const expected = `${pathPrefix}/app/`;
  const path = parsed.pathname.endsWith('/') ? parsed.pathname.slice(0, -1) : parsed.pathname;
  if (!path.startsWith(expected) || path.length === expected.length || path.indexOf('/', expected.length) !== -1) {
    return { ok: false, code: CloseCode.PathNotFound, message: `Path not found; connect to ${expected}{key}` };
  }
  let appKey: string;
  try {
    appKey = decodeURIComponent(path.slice(expected.length));
  } catch {
    return { ok: false, code: CloseCode.PathNotFound, message: 'Path not found: malformed app key' };
  }
  const raw = parsed.searchParams.get('protocol');
  if (raw === null || raw === '') return { ok: false, code: CloseCode.NoProtocolVersion, message: 'No protocol version supplied' };
  if (!/^\d+$/.test(raw))
    return { ok: false, code: CloseCode.InvalidVersionFormat, message: `Invalid version string format: ${raw.slice(0, 20)}` };
  const protocol = Number(raw);
  if (protocol < MIN_PROTOCOL_VERSION || protocol > MAX_PROTOCOL_VERSION) {
    return {
      ok: false,
      code: CloseCode.UnsupportedProtocolVersion,
      message: `Unsupported protocol version ${protocol}; use ${MAX_PROTOCOL_VERSION}`,
    };
  }
  return { ok: true, appKey, protocol };
}
