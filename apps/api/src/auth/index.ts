export * from './auth.module';
export * from './current-user.decorator';
export * from './end-user';
export * from './end-user.guard';
export * from './end-user-token.service';
