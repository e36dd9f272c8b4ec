import { Inject, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import { join } from 'node:path';
import serveStatic from 'serve-static';
import { RuntimeConfigController } from './runtime-config.controller';
import { findWebRoot, WEB_ROOT } from './web-root';

/**
 * Serves the built web pages (chat demo, admin dashboard) at `/` and their `/config.json`.
 *
 * The static files and the `index.html` fallback are mounted in `onModuleInit`, which Nest runs after
 * every controller route is registered and before its 404 handler: an API route always wins, and
 * only unmatched browser navigations (GET, accepting HTML, no file extension) get the page.
 */
@Module({
  controllers: [RuntimeConfigController],
  providers: [{ provide: WEB_ROOT, useFactory: () => findWebRoot() }],
})
export class WebModule implements OnModuleInit {
  private readonly logger = new Logger(WebModule.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(WEB_ROOT) private readonly root: string | null,
  ) {}

  onModuleInit(): void {
    if (!this.root) {
      this.logger.warn('Web pages not built (apps/web/dist missing): run `npm run build:web` to serve them at /');
      return;
    }
    const index = join(this.root, 'index.html');
    const app = this.adapterHost.httpAdapter;
    // Hashed asset names never change content, so they may be cached for a year; index.html never.
    app.use(
      serveStatic(this.root, {
        index: ['index.html'],
        setHeaders: (response, path) =>
          response.setHeader('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
      }),
    );
    app.use((request: Request, response: Response, next: NextFunction) => {
      const wantsPage =
        request.method === 'GET' && (request.headers.accept ?? '').includes('text/html') && !/\.[a-z0-9]+$/i.test(request.path);
      if (!wantsPage) return next();
      response.setHeader('Cache-Control', 'no-cache');
      response.sendFile(index, (error) => error && next(error));
    });
  }
}
