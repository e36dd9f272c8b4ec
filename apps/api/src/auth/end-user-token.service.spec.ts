import { generateKeyPairSync } from 'node:crypto';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import type { AppConfig, EndUserAuthConfig } from '@app/config';
import { DomainException } from '../common/domain.exception';
import { canListen, canPublish, userInfoOf } from './end-user';
import { EndUserTokenService } from './end-user-token.service';

const SECRET = 'end-user-secret-0123456789';
const { publicKey, privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

const jwt = new JwtService({});

function service(auth: EndUserAuthConfig): EndUserTokenService {
  const config = new ConfigService({ api: { auth } }) as unknown as ConfigService<AppConfig, true>;
  return new EndUserTokenService(jwt, config);
}

const claims = {
  sub: 'user-1',
  name: 'Ada',
  info: { color: 'red' },
  listen: ['private-chat-*', 'presence-room-*'],
  publish: ['private-chat-*'],
};

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainException) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'accepted';
}

describe('EndUserTokenService', () => {
  const hs = service({ jwtSecret: SECRET });

  it('accepts an HS256 token and reads its claims', async () => {
    const token = jwt.sign(claims, { secret: SECRET, expiresIn: 60 });
    await expect(hs.verify(token)).resolves.toEqual({
      id: 'user-1',
      name: 'Ada',
      info: { color: 'red' },
      listen: ['private-chat-*', 'presence-room-*'],
      publish: ['private-chat-*'],
    });
  });

  it('refuses expired, forged, unsigned and expiry-less tokens with 401', async () => {
    await expect(reason(hs.verify(jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 5 }, { secret: SECRET })))).resolves.toBe(
      'unauthenticated: Token expired',
    );
    await expect(reason(hs.verify(jwt.sign(claims, { secret: 'another-secret-0123456789', expiresIn: 60 })))).resolves.toBe(
      'unauthenticated: Token signature or format is invalid',
    );
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, exp: 9e9 })).toString('base64url')}.`;
    await expect(reason(hs.verify(unsigned))).resolves.toBe('unauthenticated: Token must be a JWT signed with HS256');
    await expect(reason(hs.verify(jwt.sign(claims, { secret: SECRET })))).resolves.toBe(
      'unauthenticated: Token must carry an expiry (exp)',
    );
    await expect(reason(hs.verify('not-a-jwt'))).resolves.toBe('unauthenticated: Token must be a JWT signed with HS256');
  });

  it('refuses tokens whose claims are unusable', async () => {
    await expect(reason(hs.verify(jwt.sign({ ...claims, sub: '' }, { secret: SECRET, expiresIn: 60 })))).resolves.toMatch(/claim "sub"/);
    await expect(reason(hs.verify(jwt.sign({ ...claims, listen: [42] }, { secret: SECRET, expiresIn: 60 })))).resolves.toMatch(
      /claim "listen"/,
    );
    await expect(reason(hs.verify(jwt.sign({ ...claims, info: 'x' }, { secret: SECRET, expiresIn: 60 })))).resolves.toMatch(/claim "info"/);
  });

  it('accepts RS256 with the public key and refuses an HS256 token signed with that public key', async () => {
    const rs = service({ jwtPublicKey: publicKey });
    const token = jwt.sign(claims, { privateKey, algorithm: 'RS256', expiresIn: 60 });
    await expect(rs.verify(token)).resolves.toMatchObject({ id: 'user-1' });
    const confused = jwt.sign(claims, { secret: publicKey, algorithm: 'HS256', expiresIn: 60 });
    await expect(reason(rs.verify(confused))).resolves.toBe('unauthenticated: Token must be a JWT signed with RS256');
  });

  it('refuses every token when no key is configured', async () => {
    const token = jwt.sign(claims, { secret: SECRET, expiresIn: 60 });
    await expect(reason(service({}).verify(token))).resolves.toMatch(/^unauthenticated: End-user tokens are not accepted/);
  });

  it('mints tokens it then accepts', async () => {
    const minted = await hs.mint({ name: 'Bo', listen: ['presence-room-*'], publish: [] }, 300);
    await expect(hs.verify(minted.token)).resolves.toEqual({ id: minted.user.id, name: 'Bo', listen: ['presence-room-*'], publish: [] });
  });
});

describe('end-user channel rules', () => {
  const user = { id: 'u', name: 'Ada', info: { color: 'red' }, listen: ['private-chat-*', 'presence-lobby'], publish: ['private-chat-1*'] };

  it('matches listen and publish patterns', () => {
    expect(canListen(user, 'private-chat-42')).toBe(true);
    expect(canListen(user, 'presence-lobby')).toBe(true);
    expect(canListen(user, 'presence-lobby-2')).toBe(false);
    expect(canPublish(user, 'private-chat-12')).toBe(true);
    expect(canPublish(user, 'private-chat-2')).toBe(false);
  });

  it('builds presence user_info from name and info', () => {
    expect(userInfoOf(user)).toEqual({ color: 'red', name: 'Ada' });
    expect(userInfoOf({ ...user, name: undefined, info: undefined })).toBeUndefined();
  });
});
