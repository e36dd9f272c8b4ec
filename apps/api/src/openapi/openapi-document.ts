import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** Security scheme names used by `@ApiSecurity` on controllers. */
export const SECURITY = {
  /** HTTP Basic with the app key as user name and the app secret as password. */
  app: 'app-credentials',
  /** `Authorization: Bearer <ADMIN_TOKEN>`. */
  admin: 'admin-token',
  /** `Authorization: Bearer <end-user JWT>` issued by the customer's backend. */
  user: 'user-token',
} as const;

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
