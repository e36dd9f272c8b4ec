import { registerAs } from '@nestjs/config';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { IsUrlWithScheme, ToBoolean, ToList, validateEnv } from './env-validation';

class DefaultAppEnv {
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be 1-64 letters, digits, "_" or "-"' })
  PUSHER_APP_ID = 'app-id';

  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be 1-64 letters, digits, "_" or "-"' })
  PUSHER_APP_KEY = 'app-key';

  @Matches(/^\S{1,128}$/, { message: 'must be 1-128 characters without spaces' })
  PUSHER_APP_SECRET = 'app-secret';

  @ToList()
  @IsUrlWithScheme(['http', 'https'], 'http://host:3000/pusher/webhooks', { each: true })
  @IsOptional()
  PUSHER_APP_WEBHOOK_URLS?: string[];

  @ToBoolean()
  @IsBoolean({ message: 'must be true or false' })
  PUSHER_APP_CLIENT_EVENTS = true;

  /** Base64 of 32 bytes; required only for private-encrypted- channels. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'must be 32 bytes in base64 (44 characters), e.g. from `openssl rand -base64 32`' })
  PUSHER_ENCRYPTION_MASTER_KEY?: string;
}

/** The app that exists without any admin step, taken from the environment. */
export interface DefaultAppConfig {
  id: string;
  key: string;
  secret: string;
  /** Webhook targets; undefined means "the api's /pusher/webhooks" where the platform knows it. */
  webhookUrls?: string[];
  clientEvents: boolean;
  encryptionMasterKey?: string;
}

export const defaultAppConfig = registerAs('defaultApp', (): DefaultAppConfig => {
  const env = validateEnv(DefaultAppEnv, process.env);
  return {
    id: env.PUSHER_APP_ID,
    key: env.PUSHER_APP_KEY,
    secret: env.PUSHER_APP_SECRET,
    webhookUrls: env.PUSHER_APP_WEBHOOK_URLS,
    clientEvents: env.PUSHER_APP_CLIENT_EVENTS,
    encryptionMasterKey: env.PUSHER_ENCRYPTION_MASTER_KEY,
  };
});
