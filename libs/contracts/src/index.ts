export * from './queues';
export * from './message-job';
