import { randomBytes } from 'node:crypto';
import Pusher from 'pusher';
import {
  channelAuthStringToSign,
  channelSharedSecret,
  hmacSha256Hex,
  md5Hex,
  safeEqual,
  signChannelAuth,
  signUserAuth,
  signWebhook,
  userAuthStringToSign,
  validateEncryptionMasterKey,
  verifyChannelAuth,
  verifyUserAuth,
  verifyWebhook,
} from './signatures';

// Test vectors of PROTOCOL.md §2.9, computed with the real pusher@5.3.4 SDK.
const key = '278d425bdf160c739803';
const secret = '7ad3773142a6692b25b8';
const masterKeyBase64 = randomBytes(32).toString('base64');
const sdk = new Pusher({ appId: '3', key, secret, host: '127.0.0.1', encryptionMasterKeyBase64: masterKeyBase64 });

describe('hmacSha256Hex and md5Hex', () => {
  it('match known digests', () => {
    expect(hmacSha256Hex('key', 'The quick brown fox jumps over the lazy dog')).toBe(
      'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
    );
    expect(md5Hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5Hex('{"name":"foo","channels":["project-3"],"data":"{\\"some\\":\\"data\\"}"}')).toBe('ec365a775a4cd0599faeb73354201b6f');
  });

  it('hash unicode as UTF-8', () => {
    expect(md5Hex('é')).toBe('66ddcd97cfdeabb2f6fb8a999b4bc76f');
    expect(hmacSha256Hex(secret, '✓')).toBe('ee32170b3e06fbc4b9939b7f95325ce2132af54bf1fe35e19f0bf3b4cc31d219');
  });
});

describe('safeEqual', () => {
  it('compares equal and unequal strings', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('', '')).toBe(true);
  });

  it('returns false for different lengths without throwing', () => {
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('', 'a')).toBe(false);
    // Same code-unit length, different byte length.
    expect(safeEqual('é', 'e')).toBe(false);
  });
});

describe('channel authorization', () => {
  it('matches the private-channel vector and the SDK', () => {
    const auth = signChannelAuth({ key, secret, socketId: '1234.1234', channel: 'private-foobar' });
    expect(auth).toBe('278d425bdf160c739803:58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4');
    expect(auth).toBe(sdk.authorizeChannel('1234.1234', 'private-foobar').auth);
  });

  it('matches the presence vector and the SDK, signing channel_data as sent', () => {
    const member = { user_id: '10', user_info: { name: 'Mr. Channels' } };
    const sdkAuth = sdk.authorizeChannel('1234.1234', 'presence-foobar', member);
    expect(sdkAuth.channel_data).toBe('{"user_id":"10","user_info":{"name":"Mr. Channels"}}');
    const auth = signChannelAuth({ key, secret, socketId: '1234.1234', channel: 'presence-foobar', channelData: sdkAuth.channel_data });
    expect(auth).toBe('278d425bdf160c739803:4c6d8fc42a207ba96a0779844171b0bb819d96ffceef9609f5cce596ab17a800');
    expect(auth).toBe(sdkAuth.auth);
  });

  it('matches the SDK for encrypted channels and unicode user info', () => {
    expect(signChannelAuth({ key, secret, socketId: '9.9', channel: 'private-encrypted-x' })).toBe(
      sdk.authorizeChannel('9.9', 'private-encrypted-x').auth,
    );
    const sdkAuth = sdk.authorizeChannel('1.2', 'presence-x', { user_id: 'ü', user_info: { name: '名前 ✓' } });
    expect(signChannelAuth({ key, secret, socketId: '1.2', channel: 'presence-x', channelData: sdkAuth.channel_data })).toBe(sdkAuth.auth);
  });

  it('builds the string to sign', () => {
    expect(channelAuthStringToSign({ socketId: '1.2', channel: 'private-a' })).toBe('1.2:private-a');
    expect(channelAuthStringToSign({ socketId: '1.2', channel: 'presence-a', channelData: '{}' })).toBe('1.2:presence-a:{}');
    expect(channelAuthStringToSign({ socketId: '1.2', channel: 'presence-a', channelData: '' })).toBe('1.2:presence-a:');
  });

  it('verifies good signatures and rejects every altered part', () => {
    const input = { key, secret, socketId: '1234.1234', channel: 'presence-foobar', channelData: '{"user_id":"10"}' };
    const auth = signChannelAuth(input);
    expect(verifyChannelAuth({ ...input, auth })).toBe(true);
    expect(verifyChannelAuth({ ...input, auth, socketId: '1234.1235' })).toBe(false);
    expect(verifyChannelAuth({ ...input, auth, channel: 'presence-other' })).toBe(false);
    expect(verifyChannelAuth({ ...input, auth, channelData: '{"user_id":"11"}' })).toBe(false);
    expect(verifyChannelAuth({ ...input, auth, channelData: undefined })).toBe(false);
    expect(verifyChannelAuth({ ...input, auth, secret: 'other' })).toBe(false);
    expect(verifyChannelAuth({ ...input, auth: auth.replace(key, 'other-key') })).toBe(false);
    expect(verifyChannelAuth({ ...input, auth: auth.slice(key.length + 1) })).toBe(false);
    expect(verifyChannelAuth({ ...input, auth: `${key}:` })).toBe(false);
    expect(verifyChannelAuth({ ...input, auth: '' })).toBe(false);
    expect(verifyChannelAuth({ ...input, auth: `${auth}0` })).toBe(false);
    expect(verifyChannelAuth({ ...input, auth: auth.toUpperCase() })).toBe(false);
  });
});

describe('user authentication', () => {
  it('matches the sign-in vector and the SDK', () => {
    const sdkAuth = sdk.authenticateUser('1234.1234', { id: '10', user_info: { name: 'x' }, watchlist: ['11'] });
    expect(sdkAuth.user_data).toBe('{"id":"10","user_info":{"name":"x"},"watchlist":["11"]}');
    const auth = signUserAuth({ key, secret, socketId: '1234.1234', userData: sdkAuth.user_data });
    expect(auth).toBe('278d425bdf160c739803:211a827e37df2c47a65c08832317d6065b6f7c82f238137cc7e8ecd3e2d38bfb');
    expect(auth).toBe(sdkAuth.auth);
  });

  it('builds the string to sign', () => {
    expect(userAuthStringToSign({ socketId: '1.2', userData: '{"id":"1"}' })).toBe('1.2::user::{"id":"1"}');
  });

  it('verifies good signatures and rejects altered ones', () => {
    const input = { key, secret, socketId: '1.2', userData: '{"id":"é"}' };
    const auth = signUserAuth(input);
    expect(auth).toBe(sdk.authenticateUser('1.2', { id: 'é' }).auth);
    expect(verifyUserAuth({ ...input, auth })).toBe(true);
    expect(verifyUserAuth({ ...input, auth, userData: '{"id":"e"}' })).toBe(false);
    expect(verifyUserAuth({ ...input, auth, socketId: '1.3' })).toBe(false);
    expect(verifyUserAuth({ ...input, auth, key: 'k2' })).toBe(false);
    expect(verifyUserAuth({ ...input, auth: 'garbage' })).toBe(false);
    // A channel signature over the same parts must not pass as a user signature.
    expect(verifyUserAuth({ ...input, auth: signChannelAuth({ key, secret, socketId: '1.2', channel: input.userData }) })).toBe(false);
  });
});

describe('encrypted channels', () => {
  it('derives the same shared secret as the SDK', () => {
    const sdkSecret = (sdk as unknown as { channelSharedSecret(channel: string): Buffer }).channelSharedSecret('private-encrypted-room');
    const ours = channelSharedSecret(masterKeyBase64, 'private-encrypted-room');
    expect(ours).toHaveLength(32);
    expect(ours.equals(sdkSecret)).toBe(true);
  });

  it('matches the shared_secret the SDK puts in auth responses', () => {
    const response = sdk.authorizeChannel('1.1', 'private-encrypted-room@1') as { shared_secret?: string };
    expect(channelSharedSecret(masterKeyBase64, 'private-encrypted-room@1').toString('base64')).toBe(response.shared_secret);
  });

  it('differs per channel and per master key', () => {
    const other = randomBytes(32).toString('base64');
    expect(
      channelSharedSecret(masterKeyBase64, 'private-encrypted-a').equals(channelSharedSecret(masterKeyBase64, 'private-encrypted-b')),
    ).toBe(false);
    expect(channelSharedSecret(masterKeyBase64, 'private-encrypted-a').equals(channelSharedSecret(other, 'private-encrypted-a'))).toBe(
      false,
    );
  });

  it('validates the master key', () => {
    expect(validateEncryptionMasterKey(masterKeyBase64)).toBeNull();
    expect(validateEncryptionMasterKey('')).toBe('Encryption master key must be a base64 string');
    expect(validateEncryptionMasterKey(undefined)).toBe('Encryption master key must be a base64 string');
    expect(validateEncryptionMasterKey('not base64!')).toBe('Encryption master key is not valid base64');
    expect(validateEncryptionMasterKey(randomBytes(16).toString('base64'))).toBe(
      'Encryption master key must decode to 32 bytes, not 16 (e.g. openssl rand -base64 32)',
    );
    expect(() => channelSharedSecret('c2hvcnQ=', 'private-encrypted-a')).toThrow('must decode to 32 bytes, not 5');
  });
});

describe('webhook signatures', () => {
  const body = '{"time_ms":1700000000000,"events":[{"name":"channel_occupied","channel":"ü-✓"}]}';

  it('are accepted by the SDK webhook verifier', () => {
    const signature = signWebhook(secret, body);
    const webhook = sdk.webhook({
      headers: { 'x-pusher-key': key, 'x-pusher-signature': signature, 'content-type': 'application/json' },
      rawBody: body,
    });
    expect(webhook.isValid()).toBe(true);
    const forged = sdk.webhook({
      headers: { 'x-pusher-key': key, 'x-pusher-signature': signWebhook('wrong', body), 'content-type': 'application/json' },
      rawBody: body,
    });
    expect(forged.isValid()).toBe(false);
  });

  it('verify exact bytes in constant time', () => {
    const signature = signWebhook(secret, body);
    expect(verifyWebhook(secret, body, signature)).toBe(true);
    expect(verifyWebhook(secret, `${body} `, signature)).toBe(false);
    expect(verifyWebhook('other', body, signature)).toBe(false);
    expect(verifyWebhook(secret, body, signature.slice(1))).toBe(false);
    expect(verifyWebhook(secret, body, '')).toBe(false);
  });
});
