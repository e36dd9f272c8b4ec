import { Controller, Get, Header } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AppConfig } from '@app/config';
import { RuntimeConfigResponseDto } from './runtime-config.dto';

/** Loopback names only make sense inside the host; the browser should use the host it loaded the page from. */
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|0\.0\.0\.0)$/;

/**
 * Serves the web pages' runtime configuration, so one build works on any host. The realtime address
 * is the trigger target's unless WEB_REALTIME_HOST/PORT/TLS give the public one (behind a proxy);
 * an explicit WEB_REALTIME_HOST is used as given, even a loopback name.
 */
@ApiTags('web')
@Controller()
export class RuntimeConfigController {
  private readonly body: RuntimeConfigResponseDto;

  constructor(config: ConfigService<AppConfig, true>) {
    const target = config.getOrThrow('pusherTarget', { infer: true });
    const app = config.getOrThrow('defaultApp', { infer: true });
    const api = config.getOrThrow('api', { infer: true });
    this.body = {
      key: app.key,
      host: api.web.realtimeHost ?? (target.host && !LOOPBACK.test(target.host) ? target.host : null),
      port: api.web.realtimePort ?? target.port ?? null,
      tls: api.web.realtimeTls ?? target.useTLS,
      cluster: target.cluster ?? null,
      apiUrl: '',
      demo: api.demo.enabled,
    };
  }

  @Get('config.json')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Runtime configuration of the web pages (realtime host, port, key)' })
  @ApiOkResponse({ type: RuntimeConfigResponseDto })
  get(): RuntimeConfigResponseDto {
    return this.body;
  }
}
