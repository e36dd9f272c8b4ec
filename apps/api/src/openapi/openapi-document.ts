import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** Security scheme names used by `@ApiSecurity` on controllers. */
export const SECURITY = {
  /** HTTP Basic with the app key as user name and the app secret as password. */
  app: 'app-credentials',
  /** A request signed the way the Pusher REST API signs them: `auth_*` and `body_md5` query parameters. */
  signed: 'signed-request',
  /** `Authorization: Bearer <ADMIN_TOKEN>`. */
  admin: 'admin-token',
  /** `Authorization: Bearer <end-user JWT>` issued by the customer's backend. */
  user: 'user-token',
} as const;

const SIGNED_REQUEST_DESCRIPTION =
  'A request signed as the Pusher REST API signs them, so Pusher server SDKs and their signing code work unchanged. ' +
  'Query parameters: `auth_key` (the app key), `auth_timestamp` (Unix seconds, within 600 s of the server clock), ' +
  '`auth_version=1.0`, `body_md5` (hex MD5 of the exact body bytes; required when there is a body) and `auth_signature` = ' +
  'hex HMAC-SHA256 with the app secret of `METHOD\\nPATH\\nQUERY`, where PATH is the path as sent (e.g. `/messages`) and ' +
  "QUERY is every other parameter (the route's own included) as `key=value`, sorted by key, joined with `&`, not URL-encoded. " +
  'Each failure is a 401 saying what was wrong (missing parameter, unknown key, expired timestamp, body_md5 mismatch, or ' +
  'the string you should have signed). The `pusher` Node SDK sends `pusher.post({ path: "/messages", body })` to ' +
  '`/apps/{appId}/messages`, which the api serves too.';

/** Builds the OpenAPI 3 document of every route the api serves. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Pusher Me api')
    .setDescription(
      'Application backend of Pusher Me: reliable message publishing (stored, queued, delivered by workers), ' +
        'message status and channel history, channel authorization and the membership registry, and the admin API for apps. ' +
        'Errors are JSON `{statusCode, error, message, details?}`; 503 answers carry `Retry-After`.',
    )
    .setVersion('1')
    .addBasicAuth({ type: 'http', scheme: 'basic', description: 'App key as user name, app secret as password' }, SECURITY.app)
    .addApiKey({ type: 'apiKey', in: 'query', name: 'auth_signature', description: SIGNED_REQUEST_DESCRIPTION }, SECURITY.signed)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'The ADMIN_TOKEN of this deployment' }, SECURITY.admin)
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: "End-user token from the customer's backend" },
      SECURITY.user,
    )
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Serves the document at `/docs-json` and the interactive UI at `/docs`. */
export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => createOpenApiDocument(app), { jsonDocumentUrl: 'docs-json', customSiteTitle: 'Pusher Me api' });
}
