import { queueConnectionOptions } from './queue-connection-options';

describe('queueConnectionOptions', () => {
  it('reads host, port, credentials, database and TLS from the URL', () => {
    expect(queueConnectionOptions('rediss://user:p%40ss@redis.internal:6380/2', 'w')).toEqual({
      host: 'redis.internal',
      port: 6380,
      username: 'user',
      password: 'p@ss',
      db: 2,
      tls: {},
      connectionName: 'w',
      maxRetriesPerRequest: null,
    });
  });

  it('defaults to port 6379, database 0 and no TLS', () => {
    expect(queueConnectionOptions('redis://127.0.0.1', 'w')).toEqual({
      host: '127.0.0.1',
      port: 6379,
      connectionName: 'w',
      maxRetriesPerRequest: null,
    });
  });
});
