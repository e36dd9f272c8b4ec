import { useMemo, useState, type FormEvent } from 'react';
import type { RuntimeConfig } from '../shared/runtime-config';
import { useStoredState } from '../shared/use-stored-state';
import { AdminApi } from './admin-api';
import { AppsPanel } from './apps-panel';
import { MembershipBrowser } from './membership-browser';
import { StatsPanel } from './stats-panel';
import { useAdminStats } from './use-admin-stats';

/** The admin dashboard, behind the deployment's ADMIN_TOKEN (kept in this tab only). */
export function AdminPage({ config }: { config: RuntimeConfig }) {
  const [token, setToken] = useStoredState<string | null>('pusher-me.admin-token', null);
  const [draft, setDraft] = useState('');
  const api = useMemo(() => (token ? new AdminApi(config.apiUrl, token) : null), [config.apiUrl, token]);

  if (!api) {
    const submit = (event: FormEvent) => {
      event.preventDefault();
      setToken(draft.trim());
    };
    return (
      <form className="card join" onSubmit={submit} aria-label="Admin sign-in">
        <h1>Admin</h1>
        <p className="hint">Enter the ADMIN_TOKEN of this deployment.</p>
        <label>
          Admin token
          <input name="admin-token" type="password" value={draft} onChange={(e) => setDraft(e.target.value)} required autoComplete="off" />
        </label>
        <button type="submit">Open dashboard</button>
      </form>
    );
  }

  return <Dashboard api={api} onSignOut={() => setToken(null)} />;
}

function Dashboard({ api, onSignOut }: { api: AdminApi; onSignOut: () => void }) {
  const { samples, error } = useAdminStats(api);
  return (
    <div className="admin">
      <div className="row spread">
        <h1>Dashboard</h1>
        <button type="button" className="secondary" onClick={onSignOut}>
          Sign out
        </button>
      </div>
      <StatsPanel samples={samples} error={error} />
      <AppsPanel api={api} connections={samples.at(-1)?.stats.connections ?? {}} />
      <MembershipBrowser api={api} />
    </div>
  );
}
