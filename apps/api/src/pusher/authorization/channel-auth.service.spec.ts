import Pusher from 'pusher';
import type { AppEntity } from '@app/database';
import type { EndUser } from '../../auth';
import { DomainException } from '../../common/domain.exception';
import { ChannelAuthService } from './channel-auth.service';

// Test vectors of PROTOCOL.md §2.9, computed with pusher@5.3.4.
const KEY = '278d425bdf160c739803';
const SECRET = '7ad3773142a6692b25b8';
const MASTER_KEY = Buffer.alloc(32, 7).toString('base64');
const app = { id: '3', key: KEY, secret: SECRET, enabled: true, encryptionMasterKey: MASTER_KEY } as AppEntity;
const sdk = new Pusher({ appId: '3', key: KEY, secret: SECRET, host: '127.0.0.1', encryptionMasterKeyBase64: MASTER_KEY });
const user: EndUser = { id: '10', name: 'Mr. Channels', listen: ['*'], publish: [] };
const service = new ChannelAuthService();

function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainException) return `${error.code}: ${error.details?.[0]?.messages[0] ?? error.message}`;
    throw error;
  }
  return 'signed';
}

describe('ChannelAuthService', () => {
  it('signs private channels like the pusher SDK', () => {
    expect(service.authorizeChannel(app, user, '1234.1234', 'private-foobar')).toEqual({
      auth: `${KEY}:58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4`,
    });
  });

  it('signs presence channels with the member from the token', () => {
    expect(service.authorizeChannel(app, user, '1234.1234', 'presence-foobar')).toEqual({
      auth: `${KEY}:4c6d8fc42a207ba96a0779844171b0bb819d96ffceef9609f5cce596ab17a800`,
      channel_data: '{"user_id":"10","user_info":{"name":"Mr. Channels"}}',
    });
  });

  it('adds the shared secret of encrypted channels, as the SDK derives it', () => {
    expect(service.authorizeChannel(app, user, '1234.1234', 'private-encrypted-vault')).toEqual(
      sdk.authorizeChannel('1234.1234', 'private-encrypted-vault'),
    );
    expect(failure(() => service.authorizeChannel({ ...app, encryptionMasterKey: null }, user, '1.1', 'private-encrypted-x'))).toMatch(
      /^forbidden: App 3 has no encryption master key/,
    );
  });

  it('signs user sign-in like the SDK', () => {
    expect(service.authenticateUser(app, user, '1234.1234')).toEqual(
      sdk.authenticateUser('1234.1234', { id: '10', user_info: { name: 'Mr. Channels' } }),
    );
    expect(service.authenticateUser(app, { ...user, name: undefined }, '1.2').user_data).toBe('{"id":"10"}');
  });

  it('refuses bad input, channels without authorization and channels outside listen', () => {
    expect(failure(() => service.authorizeChannel(app, user, '1234', 'private-x'))).toBe(
      'validation_failed: socket_id must look like 1234.5678 (digits, a dot, digits)',
    );
    expect(failure(() => service.authorizeChannel(app, user, '1.1', 'private-a b'))).toMatch(
      /^validation_failed: Channel name "private-a b"/,
    );
    expect(failure(() => service.authorizeChannel(app, user, '1.1', 'news'))).toBe(
      'validation_failed: Channel "news" is public: it needs no authorization',
    );
    expect(failure(() => service.authorizeChannel(app, user, '1.1', '#server-to-user-10'))).toMatch(/needs no authorization/);
    expect(failure(() => service.authorizeChannel(app, { ...user, listen: ['private-*'] }, '1.1', 'presence-x'))).toBe(
      'forbidden: Channel "presence-x" is not among the channels this token may listen to',
    );
    expect(failure(() => service.authenticateUser(app, user, 'x'))).toMatch(/^validation_failed/);
  });
});
