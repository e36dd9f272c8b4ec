import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { requiredTestEnv } from './test-env';

export interface TestRedis {
  url: string;
  /** A key prefix no other test file uses; pass it to apps as REDIS_KEY_PREFIX. */
  prefix: string;
  /** Deletes every key under the prefix. */
  cleanup(): Promise<void>;
}

/** An isolated slice of the test Redis for one test file. */
export function createTestRedis(): Promise<TestRedis> {
  const url = requiredTestEnv('REDIS_URL');
  const prefix = `t${randomBytes(5).toString('hex')}:`;
  return Promise.resolve({
    url,
    prefix,
    async cleanup() {
      const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
      await redis.connect();
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
          cursor = next;
          if (keys.length > 0) await redis.unlink(...keys);
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
    },
  });
}
