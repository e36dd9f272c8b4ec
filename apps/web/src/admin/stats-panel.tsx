import { ErrorNotice, Loading } from '../ui/states';
import { Sparkline } from './sparkline';
import type { StatsSample } from './use-admin-stats';

const SERIES: { id: string; label: string; value: (sample: StatsSample) => number; format?: (n: number) => string }[] = [
  { id: 'connections', label: 'Connections', value: (s) => s.stats.connections_total },
  { id: 'apps-online', label: 'Apps with connections', value: (s) => Object.values(s.stats.connections).filter((n) => n > 0).length },
  { id: 'messages-per-second', label: 'Messages / s', value: (s) => s.messagesPerSecond, format: (n) => n.toFixed(1) },
  { id: 'queue-depth', label: 'Queue depth', value: (s) => s.stats.queue.waiting + s.stats.queue.delayed + s.stats.queue.prioritized },
  { id: 'failed', label: 'Failed (last hour)', value: (s) => s.stats.messages_last_hour.failed },
  { id: 'delivered', label: 'Delivered (last hour)', value: (s) => s.stats.messages_last_hour.delivered },
];

/** Live platform figures with the last two minutes drawn as sparklines. */
export function StatsPanel({ samples, error }: { samples: StatsSample[]; error: string | null }) {
  const latest = samples.at(-1);
  return (
    <section className="card" aria-label="Live platform figures">
      <h2>Live</h2>
      {error && <ErrorNotice error={`Stats unavailable: ${error}`} />}
      {!latest && !error && <Loading label="Loading figures…" />}
      {latest && (
        <div className="stats-grid">
          {SERIES.map(({ id, label, value, format }) => {
            const current = value(latest);
            return (
              <figure key={id} className="stat" data-testid={`stat-${id}`}>
                <figcaption>{label}</figcaption>
                <strong className="stat-value" data-testid={`stat-${id}-value`}>
                  {format ? format(current) : current}
                </strong>
                <Sparkline values={samples.map(value)} label={`${label} over the last two minutes`} />
              </figure>
            );
          })}
        </div>
      )}
    </section>
  );
}
