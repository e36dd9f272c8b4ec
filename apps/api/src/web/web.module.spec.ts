import { Controller, Get, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Server } from 'node:http';
import { join } from 'node:path';
import request from 'supertest';
import { AppConfigModule } from '@app/config';
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
