import { useEffect, useState } from 'react';
import { AdminPage } from './admin/admin-page';
import { ChatPage } from './chat/chat-page';
import { describeError } from './shared/errors';
import { loadRuntimeConfig, type RuntimeConfig } from './shared/runtime-config';
import { useHashRoute } from './shared/use-hash-route';
import { ErrorNotice, Loading } from './ui/states';

/** Loads the runtime configuration, then shows the chat demo or the admin dashboard. */
export function App() {
  const route = useHashRoute();
  const [config, setConfig] = useState<RuntimeConfig | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    loadRuntimeConfig().then(
      (loaded) => live && setConfig(loaded),
      (failure: unknown) => live && setError(describeError(failure)),
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href="#/">
          Pusher&nbsp;Me
        </a>
        <nav>
          <a href="#/" aria-current={route === 'chat' ? 'page' : undefined}>
            Chat
          </a>
          <a href="#/admin" aria-current={route === 'admin' ? 'page' : undefined}>
            Admin
          </a>
        </nav>
      </header>
      <main className="content">
        {error ? (
          <ErrorNotice
            error={error}
            onRetry={() => {
              setError(null);
              setAttempt((n) => n + 1);
            }}
          />
        ) : !config ? (
          <Loading label="Loading configuration…" />
        ) : route === 'admin' ? (
          <AdminPage config={config} />
        ) : (
          <ChatPage config={config} />
        )}
      </main>
    </div>
  );
}
