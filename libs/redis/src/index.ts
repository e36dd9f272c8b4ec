export * from './redis-connection';
export * from './redis-keys';
export * from './redis.tokens';
export * from './redis.module';
export * from './keys/realtime.keys';
export * from './keys/apps.keys';
export * from './keys/idempotency.keys';
export * from './keys/membership.keys';
