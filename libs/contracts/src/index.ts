export * from './queues';
export * from './message-job';
export * from './membership';
export * from './webhook-job';
export * from './message-job-queue';
