import type { ReactNode } from 'react';
import { useConnectionState } from '@pusher-me/react';

/** A spinner with a label, for anything still loading. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

/** What a list shows when it has nothing in it. */
export function Empty({ children }: { children: ReactNode }) {
  return <div className="state state-empty">{children}</div>;
}

/** An error with an optional retry. */
export function ErrorNotice({ error, onRetry }: { error: string; onRetry?: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <span>{error}</span>
      {onRetry && (
        <button type="button" className="link" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

const CONNECTION_LABELS: Record<string, string> = {
  initialized: 'Connecting…',
  connecting: 'Connecting…',
  unavailable: 'Connection lost, reconnecting…',
  failed: 'WebSockets are not available in this browser',
  disconnected: 'Disconnected',
};

/** A banner while the realtime connection is not up; a small dot when it is. */
export function ConnectionBanner() {
  const state = useConnectionState();
  if (state === 'connected') {
    return (
      <span className="connection connection-up" data-testid="connection-state" data-state={state}>
        <span className="dot" aria-hidden="true" /> Live
      </span>
    );
  }
  return (
    <div className="connection connection-down" role="status" data-testid="connection-state" data-state={state}>
      <span className="spinner" aria-hidden="true" /> {CONNECTION_LABELS[state] ?? state}
    </div>
  );
}
