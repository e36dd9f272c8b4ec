import 'reflect-metadata';
import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { DECORATORS, type OpenAPIObject } from '@nestjs/swagger';
import request from 'supertest';
import type { App } from 'supertest/types';
import { startPlatform, TestPlatform } from '../support';

type Operation = {
  summary?: string;
  responses: Record<string, { description?: string; content?: unknown }>;
  security?: Record<string, string[]>[];
};

/** Routes of this document's own feature areas: each must be summarised, list its errors, and (but docs) need credentials. */
const OWN = /^(\/messages|\/apps\/\{appId\}\/messages|\/channels\/\{channel\}\/messages|\/admin\/)/;

/** Every route Nest registered, as `METHOD /path/{param}`, except controllers and handlers hidden from the document on purpose. */
function registeredRoutes(app: INestApplication): string[] {
  const routes: string[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!type || Reflect.getMetadata(DECORATORS.API_EXCLUDE_CONTROLLER, type)) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      const prototype = type.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        if (Reflect.getMetadata(DECORATORS.API_EXCLUDE_ENDPOINT, handler)) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const path = `/${[base, String(Reflect.getMetadata(PATH_METADATA, handler))].join('/')}`
          .replace(/\/+/g, '/')
          .replace(/(.)\/$/, '$1')
          .replace(/:(\w+)/g, '{$1}');
        routes.push(`${method} ${path}`);
      }
    }
  }
  return routes.sort();
}

describe('api OpenAPI document', () => {
  let platform: TestPlatform;
  let app: INestApplication;
  let document: OpenAPIObject;
  // This file boots the api inside the jest worker, whose environment later test files share.
  const savedEnv: Record<string, string | undefined> = {};

  beforeAll(async () => {
    platform = await startPlatform();
    const overrides = {
      ...platform.env,
      ADMIN_TOKEN: 'openapi-admin-token-0123456789',
      LOG_LEVEL: 'silent',
    };
    for (const name of Object.keys(overrides)) savedEnv[name] = process.env[name];
    Object.assign(process.env, overrides);
    // Imported after the environment is set: configuration is read once, when the module loads.
    const [{ createHttpApp }, { ApiModule }, { configureApiApp }] = await Promise.all([
      import('@app/observability'),
      import('../../apps/api/src/api.module'),
      import('../../apps/api/src/http/configure-api-app'),
    ]);
    app = configureApiApp(await createHttpApp(ApiModule));
    await app.init();
    document = (await request(app.getHttpServer() as App).get('/docs-json')).body as OpenAPIObject;
  }, 60_000);

  afterAll(async () => {
    for (const [name, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await app?.close();
    await platform?.stop();
  }, 30_000);

  const operations = (): [string, Operation][] =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, Operation>)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, operation]): [string, Operation] => [`${method.toUpperCase()} ${path}`, operation]),
    );

  it('serves the document at /docs-json and the interactive UI at /docs', async () => {
    const json = await request(app.getHttpServer() as App).get('/docs-json');
    expect(json.status).toBe(200);
    expect((json.body as OpenAPIObject).openapi).toMatch(/^3\./);
    const response = await request(app.getHttpServer() as App).get('/docs/');
    expect(response.status).toBe(200);
    expect(response.text).toContain('swagger-ui');
  });

  it('describes every route the api registers', () => {
    const documented = operations()
      .map(([route]) => route)
      .sort();
    expect(documented).toEqual(registeredRoutes(app));
    for (const route of [
      'POST /messages',
      'POST /apps/{appId}/messages',
      'GET /messages/{id}',
      'POST /messages/{id}/retry',
      'GET /channels/{channel}/messages',
      'GET /admin/stats',
    ]) {
      expect(documented).toContain(route);
    }
    for (const route of [
      'POST /admin/apps',
      'GET /admin/apps',
      'GET /admin/apps/{id}',
      'PATCH /admin/apps/{id}',
      'DELETE /admin/apps/{id}',
    ]) {
      expect(documented).toContain(route);
    }
    expect(documented).toContain('POST /admin/apps/{id}/rotate-secret');
  });

  it('gives every operation a documented success response', () => {
    for (const [route, operation] of operations()) {
      const success = Object.keys(operation.responses).filter((status) => /^2\d\d$/.test(status));
      expect({ route, success: success.length > 0 }).toEqual({ route, success: true });
    }
  });

  it('summarises every own operation, lists its errors with the error body, and requires credentials', () => {
    const own = operations().filter(([route]) => OWN.test(route.split(' ')[1]));
    expect(own.length).toBeGreaterThanOrEqual(15);
    for (const [route, operation] of own) {
      const errors = Object.entries(operation.responses).filter(([status]) => /^[45]\d\d$/.test(status));
      expect({
        route,
        summary: Boolean(operation.summary),
        has401: '401' in operation.responses,
        has503: '503' in operation.responses,
      }).toEqual({
        route,
        summary: true,
        has401: true,
        has503: true,
      });
      for (const [status, response] of errors) {
        expect({ route, status, body: JSON.stringify(response.content ?? '') }).toEqual({
          route,
          status,
          body: expect.stringContaining('ErrorResponseDto') as unknown,
        });
      }
      expect({ route, security: (operation.security ?? []).length > 0 }).toEqual({ route, security: true });
    }
  });

  it('declares the security schemes and documents the request bodies with examples', () => {
    expect(Object.keys(document.components?.securitySchemes ?? {}).sort()).toEqual([
      'admin-token',
      'app-credentials',
      'signed-request',
      'user-token',
    ]);
    const publish = document.paths['/messages'].post as Operation & {
      requestBody?: { content: Record<string, { schema: { $ref: string } }> };
    };
    expect(publish.requestBody?.content['application/json'].schema.$ref).toBe('#/components/schemas/PublishMessageDto');
    const schemes = (operation: Operation) => (operation.security ?? []).flatMap((requirement) => Object.keys(requirement)).sort();
    expect(schemes(publish)).toEqual(['app-credentials', 'signed-request', 'user-token']);
    for (const [path, method] of [
      ['/apps/{appId}/messages', 'post'],
      ['/messages/{id}', 'get'],
      ['/messages/{id}/retry', 'post'],
      ['/channels/{channel}/messages', 'get'],
    ] as const) {
      expect({ path, schemes: schemes((document.paths[path] as Record<string, Operation>)[method]) }).toEqual({
        path,
        schemes: expect.arrayContaining(['app-credentials', 'signed-request']) as unknown,
      });
    }
    const signedScheme = document.components?.securitySchemes?.['signed-request'] as { description?: string };
    for (const parameter of ['auth_key', 'auth_timestamp', 'auth_version', 'body_md5', 'auth_signature']) {
      expect(signedScheme.description).toContain(parameter);
    }
    const schema = document.components?.schemas?.PublishMessageDto as { properties: Record<string, { example?: unknown }> };
    for (const field of ['channel', 'channels', 'event', 'data', 'socket_id']) expect(schema.properties[field].example).toBeDefined();
  });
});
