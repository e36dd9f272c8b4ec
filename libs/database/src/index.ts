export * from './entities/app.entity';
export * from './entities/message.entity';
export * from './entities/message-channel.entity';
export * from './data-source-options';
export * from './database.module';
export * from './migrate';
export * from './requeue-failed-message';
