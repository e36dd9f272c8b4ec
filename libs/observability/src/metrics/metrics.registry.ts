import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The app's Prometheus registry. One per Nest app (not prom-client's global), so several apps can
 * run in one process (as tests do) without clashing metric names. Register app metrics with
 * `registers: [metrics.registry]`.
 */
export class MetricsRegistry {
  readonly registry = new Registry();

  constructor(app: string) {
    this.registry.setDefaultLabels({ app });
    collectDefaultMetrics({ register: this.registry });
  }
}
