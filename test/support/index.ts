export * from './free-port';
export * from './start-app';
export * from './test-database';
export * from './test-env';
export * from './test-redis';
export * from './test-platform';
export * from './pusher-clients';
export * from './test-data-source';
