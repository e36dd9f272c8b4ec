import { useEffect, useState } from 'react';
import { describeError } from '../shared/errors';
import type { AdminApi, AdminStats } from './admin-api';

/** One poll of `/admin/stats`, with the message rate derived from the previous poll. */
export interface StatsSample {
  at: number;
  stats: AdminStats;
  /** Messages stored per second since the previous sample (0 for the first). */
  messagesPerSecond: number;
}

const SAMPLES = 60;
const POLL_MS = 2_000;

function totalMessages(stats: AdminStats): number {
  const { queued, delivered, failed } = stats.messages_total;
  return queued + delivered + failed;
}

/** Polls the platform figures every 2 s and keeps the last two minutes of samples. */
export function useAdminStats(api: AdminApi): { samples: StatsSample[]; error: string | null } {
  const [samples, setSamples] = useState<StatsSample[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const tick = () =>
      api.stats().then(
        (stats) => {
          if (!live) return;
          const at = Date.now();
          setError(null);
          setSamples((current) => {
            const previous = current.at(-1);
            const seconds = previous ? (at - previous.at) / 1000 : 0;
            const messagesPerSecond =
              previous && seconds > 0 ? Math.max(0, totalMessages(stats) - totalMessages(previous.stats)) / seconds : 0;
            return [...current, { at, stats, messagesPerSecond }].slice(-SAMPLES);
          });
        },
        (failure: unknown) => {
          if (live) setError(describeError(failure));
        },
      );
    void tick();
    const timer = setInterval(() => void tick(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api]);

  return { samples, error };
}
