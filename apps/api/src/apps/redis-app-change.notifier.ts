import { Injectable, Logger } from '@nestjs/common';
import { publishAppChanged, RedisClient, RedisKeys } from '@app/redis';
import { AppChangeNotifier } from './app-change.notifier';

/** Publishes on the Redis channel realtime nodes subscribe to (`appChangesChannel`). */
@Injectable()
export class RedisAppChangeNotifier extends AppChangeNotifier {
  private readonly log = new Logger('RedisAppChangeNotifier');

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {
    super();
  }

  async appChanged(appId: string): Promise<void> {
    try {
      await publishAppChanged(this.redis.connection, this.keys, appId);
    } catch (error) {
      this.log.warn(
        `could not announce the change of app ${appId}; realtime nodes apply it at their next refresh: ${(error as Error).message}`,
      );
    }
  }
}
