import type { IncomingMessage } from 'node:http';
import { ConfigService } from '@nestjs/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { AppConfig } from '@app/config';
import { serveOpenApi } from '../openapi/openapi-document';
import { ApiExceptionFilter } from './api-exception.filter';
import { createValidationPipe } from './validation.pipe';

function keepRawBody(request: IncomingMessage & { rawBody?: Buffer }, _response: unknown, buffer: Buffer): void {
  request.rawBody = buffer;
}

/**
 * Everything the api needs around its modules, shared by `main.ts` and in-process tests: security
 * headers, CORS allowlist, body size limits, the global validation pipe and exception filter, and
 * the OpenAPI document. Call it before `listen`/`init`.
 */
export function configureApiApp(app: NestExpressApplication): NestExpressApplication {
  const { http } = app.get(ConfigService<AppConfig, true>).getOrThrow('api', { infer: true });
  app.set('trust proxy', http.trustProxyHops);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Pages served by the api open WebSockets to the realtime server, which listens on another port.
          connectSrc: ["'self'", 'ws:', 'wss:'],
          // Self-hosted installs often serve plain HTTP (a LAN address, TLS at a proxy or none): forcing
          // https for every subresource would break their pages.
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  const anyOrigin = http.corsOrigins.includes('*');
  app.enableCors({
    origin: anyOrigin ? true : http.corsOrigins.length > 0 ? http.corsOrigins : false,
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Pusher-App-Key', 'X-Request-Id'],
    exposedHeaders: ['Location', 'Retry-After', 'X-Request-Id'],
    maxAge: 600,
  });
  // Registered before Nest's defaults, which then stand aside. `req.rawBody` keeps the exact bytes for
  // signature checks (webhooks, signed requests) whatever the factory's `rawBody` option was.
  app.useBodyParser('json', { limit: http.bodyLimitBytes, verify: keepRawBody });
  app.useBodyParser('urlencoded', { limit: http.bodyLimitBytes, extended: false, verify: keepRawBody });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  serveOpenApi(app);
  return app;
}
