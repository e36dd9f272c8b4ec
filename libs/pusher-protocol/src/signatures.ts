import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Lowercase hex HMAC-SHA256 of the UTF-8 text. */
export function hmacSha256Hex(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text, 'utf8').digest('hex');
}

/** Lowercase hex MD5 of the bytes, or of the UTF-8 encoding of a string (REST `body_md5`). */
export function md5Hex(content: string | Buffer): string {
  return typeof content === 'string'
    ? createHash('md5').update(content, 'utf8').digest('hex')
    : createHash('md5').update(content).digest('hex');
}

/**
 * Constant-time string equality over the UTF-8 bytes. Strings of different byte lengths are unequal (the
 * length is not secret: every signature has the same length); never throws.
 */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** What a channel authorization signs: the connection's socket id, the channel, and for presence the member. */
export interface ChannelAuthInput {
  socketId: string;
  channel: string;
  /** The exact `channel_data` string the client sends (presence only; not re-serialized). */
  channelData?: string;
}

/** `socket_id:channel[:channel_data]`, the string a channel authorization signs. */
export function channelAuthStringToSign({ socketId, channel, channelData }: ChannelAuthInput): string {
  return channelData === undefined ? `${socketId}:${channel}` : `${socketId}:${channel}:${channelData}`;
}

/** The `auth` value (`key:hexsig`) pusher-js sends in `pusher:subscribe`; same as pusher-http-node `authorizeChannel`. */
export function signChannelAuth(input: ChannelAuthInput & { key: string; secret: string }): string {
  return `${input.key}:${hmacSha256Hex(input.secret, channelAuthStringToSign(input))}`;
}

/**
 * True when `auth` is `key:hexsig` for this app key and the signature matches, compared in constant time.
 * The socket id must be the one of the connection that sent the subscribe, never one the client supplied.
 */
export function verifyChannelAuth(input: ChannelAuthInput & { key: string; secret: string; auth: string }): boolean {
  return verifyKeyedSignature(input.auth, input.key, input.secret, channelAuthStringToSign(input));
}

/** What a user sign-in signs. */
export interface UserAuthInput {
  socketId: string;
  /** The exact `user_data` JSON string the client sends in `pusher:signin`. */
  userData: string;
}

/** `socket_id::user::user_data`, the string a user sign-in signs. */
export function userAuthStringToSign({ socketId, userData }: UserAuthInput): string {
  return `${socketId}::user::${userData}`;
}

/** The `auth` value (`key:hexsig`) of `pusher:signin`; same as pusher-http-node `authenticateUser`. */
export function signUserAuth(input: UserAuthInput & { key: string; secret: string }): string {
  return `${input.key}:${hmacSha256Hex(input.secret, userAuthStringToSign(input))}`;
}

/** True when `auth` is a valid sign-in signature for this app key, socket and user data (constant time). */
export function verifyUserAuth(input: UserAuthInput & { key: string; secret: string; auth: string }): boolean {
  return verifyKeyedSignature(input.auth, input.key, input.secret, userAuthStringToSign(input));
}

function verifyKeyedSignature(auth: string, key: string, secret: string, stringToSign: string): boolean {
  if (typeof auth !== 'string') return false;
  const colon = auth.indexOf(':');
  if (colon === -1) return false;
  // Both halves are compared even when the key differs, so timing does not tell which half was wrong.
  const keyOk = safeEqual(auth.slice(0, colon), key);
  const signatureOk = safeEqual(auth.slice(colon + 1), hmacSha256Hex(secret, stringToSign));
  return keyOk && signatureOk;
}

/** Bytes an encryption master key must have once decoded from base64. */
export const ENCRYPTION_MASTER_KEY_BYTES = 32;

/** Null when `masterKeyBase64` is base64 of exactly 32 bytes, else a reason. */
export function validateEncryptionMasterKey(masterKeyBase64: unknown): string | null {
  if (typeof masterKeyBase64 !== 'string' || masterKeyBase64.length === 0) return 'Encryption master key must be a base64 string';
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(masterKeyBase64) || masterKeyBase64.length % 4 !== 0) {
    return 'Encryption master key is not valid base64';
  }
  const bytes = Buffer.from(masterKeyBase64, 'base64').length;
  if (bytes !== ENCRYPTION_MASTER_KEY_BYTES) {
    return `Encryption master key must decode to ${ENCRYPTION_MASTER_KEY_BYTES} bytes, not ${bytes} (e.g. openssl rand -base64 32)`;
  }
  return null;
}

/**
 * The NaCl secretbox key of a `private-encrypted-` channel: SHA-256 of the channel name followed by the master
 * key, exactly as pusher-http-node `channelSharedSecret`. Auth responses carry it base64-encoded as
 * `shared_secret`. Throws when the master key is not base64 of 32 bytes (validate it at boot).
 */
export function channelSharedSecret(masterKeyBase64: string, channel: string): Buffer {
  const reason = validateEncryptionMasterKey(masterKeyBase64);
  if (reason !== null) throw new Error(reason);
  return createHash('sha256')
    .update(Buffer.concat([Buffer.from(channel, 'utf8'), Buffer.from(masterKeyBase64, 'base64')]))
    .digest();
}

/** `X-Pusher-Signature` of a webhook: hex HMAC-SHA256 of the exact body bytes sent. */
export function signWebhook(secret: string, body: string): string {
  return hmacSha256Hex(secret, body);
}

/** True when `signature` is the webhook signature of `body` under `secret` (constant time). */
export function verifyWebhook(secret: string, body: string, signature: string): boolean {
  return typeof signature === 'string' && safeEqual(signature, signWebhook(secret, body));
}
