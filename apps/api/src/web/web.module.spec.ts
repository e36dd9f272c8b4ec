import { Controller, Get, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Server } from 'node:http';
import { join } from 'node:path';
import request from 'supertest';
import { AppConfigModule } from '@app/config';
import { RuntimeConfigController } from './runtime-config.controller';
import { WEB_ROOT } from './web-root';
import { WebModule } from './web.module';

@Controller()
class ProbeController {
  @Get('probe')
  probe(): { from: string } {
    return { from: 'api' };
  }
}

describe('WebModule', () => {
  let root: string;
  let app: INestApplication;
  const server = () => app.getHttpServer() as Server;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'web-root-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>page</title>');
    writeFileSync(join(root, 'assets', 'app-1234.js'), 'console.log(1)');
    const moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(), WebModule],
      controllers: [ProbeController],
    })
      .overrideProvider(WEB_ROOT)
      .useValue(root)
      .compile();
    app = moduleRef.createNestApplication();
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves the page at / and hashed assets with a long cache', async () => {
    const page = await request(server()).get('/').set('Accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>page</title>');
    const asset = await request(server()).get('/assets/app-1234.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('never shadows an API route, even for a browser navigation', async () => {
    const response = await request(server()).get('/probe').set('Accept', 'text/html,application/xhtml+xml');
    expect(response.body).toEqual({ from: 'api' });
  });

  it('falls back to the page only for unmatched browser navigations', async () => {
    const navigation = await request(server()).get('/some/page').set('Accept', 'text/html');
    expect(navigation.status).toBe(200);
    expect(navigation.text).toContain('<title>page</title>');
    const apiCall = await request(server()).get('/some/page').set('Accept', 'application/json');
    expect(apiCall.status).toBe(404);
    const missingFile = await request(server()).get('/missing.js').set('Accept', 'text/html');
    expect(missingFile.status).toBe(404);
  });

  it('serves the runtime configuration from the deployment config', async () => {
    const response = await request(server()).get('/config.json');
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toMatchObject({ key: 'app-key', host: null, tls: false, apiUrl: '' });
  });
});

describe('RuntimeConfigController behind a proxy', () => {
  const PUBLIC_REALTIME = { WEB_REALTIME_HOST: 'ws.example.com', WEB_REALTIME_PORT: '443', WEB_REALTIME_TLS: 'true' };
  const saved: Record<string, string | undefined> = {};

  /** The body of `/config.json` for a configuration read with these variables set. */
  async function configJson(env: Record<string, string>): Promise<Record<string, unknown>> {
    for (const name of [...Object.keys(PUBLIC_REALTIME), 'PUSHER_HOST', 'PUSHER_PORT', 'PUSHER_USE_TLS']) {
      if (!(name in saved)) saved[name] = process.env[name];
      delete process.env[name];
    }
    Object.assign(process.env, env);
    const moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot()],
      controllers: [RuntimeConfigController],
    }).compile();
    try {
      return { ...moduleRef.get(RuntimeConfigController).get() };
    } finally {
      await moduleRef.close();
    }
  }

  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('tells browsers the public realtime address when WEB_REALTIME_* are set', async () => {
    const body = await configJson({ ...PUBLIC_REALTIME, PUSHER_HOST: 'realtime.internal', PUSHER_PORT: '6001', PUSHER_USE_TLS: 'false' });
    expect(body).toMatchObject({ host: 'ws.example.com', port: 443, tls: true });
  });

  it('uses the trigger target for each WEB_REALTIME_* left unset', async () => {
    await expect(
      configJson({ WEB_REALTIME_PORT: '8443', PUSHER_HOST: 'realtime.example.com', PUSHER_PORT: '6001' }),
    ).resolves.toMatchObject({
      host: 'realtime.example.com',
      port: 8443,
      tls: false,
    });
    await expect(configJson({ WEB_REALTIME_TLS: 'true', PUSHER_HOST: '127.0.0.1', PUSHER_PORT: '6001' })).resolves.toMatchObject({
      host: null,
      port: 6001,
      tls: true,
    });
  });

  it('refuses invalid values at boot, naming the variable', async () => {
    await expect(configJson({ WEB_REALTIME_HOST: 'wss://ws.example.com' })).rejects.toThrow(/WEB_REALTIME_HOST/);
    await expect(configJson({ WEB_REALTIME_PORT: '70000' })).rejects.toThrow(/WEB_REALTIME_PORT/);
    await expect(configJson({ WEB_REALTIME_TLS: 'maybe' })).rejects.toThrow(/WEB_REALTIME_TLS/);
  });
});
