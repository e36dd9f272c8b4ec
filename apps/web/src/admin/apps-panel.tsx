import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../shared/errors';
import { Empty, ErrorNotice, Loading } from '../ui/states';
import type { AdminApi, AdminApp } from './admin-api';
import { AppEditor } from './app-editor';

/** The apps list: create, edit limits and webhooks, enable or disable, rotate the secret. */
export function AppsPanel({ api, connections }: { api: AdminApi; connections: Record<string, number> }) {
  const [apps, setApps] = useState<AdminApp[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null); // an app id, or 'new'
  const [revealed, setRevealed] = useState<Record<string, string>>({});

  const reload = useCallback(() => {
    api.listApps().then(
      (list) => {
        setApps(list);
        setError(null);
      },
      (failure: unknown) => setError(describeError(failure)),
    );
  }, [api]);

  useEffect(reload, [reload]);

  const act = (work: Promise<AdminApp>) =>
    work.then(
      (app) => {
        if (app?.secret) setRevealed((current) => ({ ...current, [app.id]: app.secret! }));
        setEditing(null);
        reload();
      },
      (failure: unknown) => setError(describeError(failure)),
    );

  return (
    <section className="card" aria-label="Apps">
      <header className="row spread">
        <h2>Apps</h2>
        {editing !== 'new' && (
          <button type="button" onClick={() => setEditing('new')}>
            New app
          </button>
        )}
      </header>
      {error && <ErrorNotice error={error} onRetry={reload} />}
      {editing === 'new' && (
        <AppEditor onSave={(input) => api.createApp(input).then((app) => act(Promise.resolve(app)))} onCancel={() => setEditing(null)} />
      )}
      {apps === null && !error && <Loading label="Loading apps…" />}
      {apps?.length === 0 && <Empty>No apps yet.</Empty>}
      <ul className="app-list">
        {apps?.map((app) => (
          <li key={app.id} className={app.enabled ? 'app' : 'app disabled'} data-testid="app" data-app-id={app.id} data-app-key={app.key}>
            <div className="row spread">
              <div>
                <strong className="app-name">{app.name}</strong> {!app.enabled && <span className="badge warn">disabled</span>}
                <div className="muted small mono">
                  id {app.id} · key {app.key}
                </div>
                <div className="small">
                  <span className="badge" data-testid="app-connections">
                    {connections[app.id] ?? 0}
                  </span>{' '}
                  live connections
                </div>
                {revealed[app.id] && (
                  <div className="small mono secret" data-testid="secret">
                    secret {revealed[app.id]} <span className="muted">(shown once)</span>
                  </div>
                )}
              </div>
              <div className="row wrap">
                <button type="button" className="secondary" onClick={() => setEditing(editing === app.id ? null : app.id)}>
                  Edit
                </button>
                <button type="button" className="secondary" onClick={() => void act(api.setEnabled(app.id, !app.enabled))}>
                  {app.enabled ? 'Disable' : 'Enable'}
                </button>
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    window.confirm(`Rotate the secret of ${app.name}? Servers using the old one stop working.`) &&
                    void act(api.rotateSecret(app.id))
                  }
                >
                  Rotate secret
                </button>
              </div>
            </div>
            <div className="muted small">
              {app.max_connections ?? '∞'} connections · {app.max_presence_members} presence members · {app.max_event_bytes} B events ·
              client events {app.client_events_enabled ? 'on' : 'off'} · {app.webhooks?.length ?? 0} webhooks
            </div>
            {editing === app.id && (
              <AppEditor
                app={app}
                onSave={(changes) => act(api.updateApp(app.id, changes)).then(() => undefined)}
                onCancel={() => setEditing(null)}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
