export * from './bootstrap';
export * from './health/health.module';
export * from './health/health.tokens';
export * from './health/redis.health';
export * from './logging/logging.module';
export * from './metrics/metrics.module';
export * from './metrics/metrics.registry';
