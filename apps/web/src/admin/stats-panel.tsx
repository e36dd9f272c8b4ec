import { useEffect, useState } from 'react';
import { describeError } from '../shared/errors';
import { ErrorNotice, Loading } from '../ui/states';
import type { AdminApi, PlatformStats } from './admin-api';
import { Sparkline } from './sparkline';

const SAMPLES = 60;
const POLL_MS = 2_000;

const SERIES: { key: keyof PlatformStats; label: string; format?: (n: number) => string }[] = [
  { key: 'connections', label: 'Connections' },
  { key: 'channels', label: 'Channels' },
  { key: 'messagesPerSecond', label: 'Messages / s', format: (n) => n.toFixed(1) },
  { key: 'queueDepth', label: 'Queue depth' },
  { key: 'failed', label: 'Failed deliveries' },
];

/** Live platform figures, polled every 2 s, with the last two minutes drawn as sparklines. */
export function StatsPanel({ api }: { api: AdminApi }) {
  const [history, setHistory] = useState<PlatformStats[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const tick = () =>
      api.stats().then(
        (sample) => {
          if (!live) return;
          setError(null);
          setHistory((current) => [...current, sample].slice(-SAMPLES));
        },
        (failure: unknown) => live && setError(describeError(failure)),
      );
    void tick();
    const timer = setInterval(() => void tick(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api]);

  const latest = history.at(-1);
  return (
    <section className="card" aria-label="Live platform figures">
      <h2>Live</h2>
      {error && <ErrorNotice error={`Stats unavailable: ${error}`} />}
      {!latest && !error && <Loading label="Loading figures…" />}
      {latest && (
        <div className="stats-grid">
          {SERIES.map(({ key, label, format }) => {
            const value = latest[key];
            return (
              <figure key={key} className="stat" data-testid={`stat-${key}`}>
                <figcaption>{label}</figcaption>
                <strong className="stat-value" data-testid={`stat-${key}-value`}>
                  {value === undefined ? '–' : format ? format(value) : value}
                </strong>
                <Sparkline values={history.map((sample) => sample[key] ?? 0)} label={`${label} over the last two minutes`} />
              </figure>
            );
          })}
        </div>
      )}
    </section>
  );
}
