import { registerAs } from '@nestjs/config';
import { IsUrlWithScheme, validateEnv } from './env-validation';

class DatabaseEnv {
  @IsUrlWithScheme(['postgres', 'postgresql'], 'postgres://user:password@host:5432/database')
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/pusher_me';
}

export interface DatabaseConfig {
  url: string;
}

export const databaseConfig = registerAs('database', (): DatabaseConfig => {
  const env = validateEnv(DatabaseEnv, process.env);
  return { url: env.DATABASE_URL };
});
