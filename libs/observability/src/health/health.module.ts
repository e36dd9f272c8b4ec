import { DynamicModule, Module, Provider, Type } from '@nestjs/common';
import { HealthIndicatorFunction, TerminusModule, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { READINESS_CHECKS } from './health.tokens';
import { RedisHealthIndicator } from './redis.health';

export interface HealthOptions {
  /** Check Redis in readiness (default true). */
  redis?: boolean;
  /** Check Postgres in readiness (default true). */
  database?: boolean;
  /** More readiness checks from the app: a provider class with a `check()` returning an indicator result. */
  extra?: Type<{ check(): ReturnType<HealthIndicatorFunction> }>[];
}

/** `/health/live` and `/health/ready` for an app. */
@Module({})
export class HealthModule {
  static forRoot(options: HealthOptions = {}): DynamicModule {
    const extra = options.extra ?? [];
    const checks: Provider = {
      provide: READINESS_CHECKS,
      inject: [RedisHealthIndicator, TypeOrmHealthIndicator, ...extra],
      useFactory: (
        redis: RedisHealthIndicator,
        database: TypeOrmHealthIndicator,
        ...others: { check(): ReturnType<HealthIndicatorFunction> }[]
      ) => {
        const list: HealthIndicatorFunction[] = [];
        if (options.redis !== false) list.push(() => redis.pingCheck('redis'));
        if (options.database !== false) list.push(() => database.pingCheck('database', { timeout: 1500 }));
        for (const other of others) list.push(() => other.check());
        return list;
      },
    };
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false, gracefulShutdownTimeoutMs: 0 })],
      controllers: [HealthController],
      providers: [RedisHealthIndicator, ...extra, checks],
    };
  }
}
