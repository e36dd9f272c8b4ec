import { ApiConfig, apiConfig } from './api.config';
import { CommonConfig, commonConfig } from './common.config';
import { DatabaseConfig, databaseConfig } from './database.config';
import { DefaultAppConfig, defaultAppConfig } from './default-app.config';
import { ConfigValidationError } from './env-validation';
import { PusherTargetConfig, pusherTargetConfig } from './pusher-target.config';
import { RealtimeConfig, realtimeConfig } from './realtime.config';
import { RedisConfig, redisConfig } from './redis.config';
import { WorkerConfig, workerConfig } from './worker.config';

/** The whole typed configuration tree; read it with ConfigService<AppConfig, true>. */
export interface AppConfig {
  common: CommonConfig;
  redis: RedisConfig;
  database: DatabaseConfig;
  defaultApp: DefaultAppConfig;
  pusherTarget: PusherTargetConfig;
  realtime: RealtimeConfig;
  api: ApiConfig;
  worker: WorkerConfig;
}

const factories: { [K in keyof AppConfig]: () => AppConfig[K] } = {
  common: commonConfig,
  redis: redisConfig,
  database: databaseConfig,
  defaultApp: defaultAppConfig,
  pusherTarget: pusherTargetConfig,
  realtime: realtimeConfig,
  api: apiConfig,
  worker: workerConfig,
};

/**
 * Validates every namespace against `process.env` and returns the tree, or throws one
 * ConfigValidationError naming every bad variable across all namespaces.
 */
export function loadAppConfig(): AppConfig {
  const problems: string[] = [];
  const tree: Record<string, unknown> = {};
  for (const [name, factory] of Object.entries(factories)) {
    try {
      tree[name] = factory();
    } catch (error) {
      if (!(error instanceof ConfigValidationError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return tree as unknown as AppConfig;
}
