import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { AppRegistry } from './app-registry';

/** Readiness: a node cannot admit anyone before it knows the apps. */
@Injectable()
export class AppRegistryHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly registry: AppRegistry,
  ) {}

  check() {
    const indicator = this.indicators.check('apps');
    return this.registry.ready ? indicator.up() : indicator.down({ message: 'apps table not loaded yet' });
  }
}
