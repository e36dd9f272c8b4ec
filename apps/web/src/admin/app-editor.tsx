import { useState, type FormEvent } from 'react';
import type { AdminApp, AppChanges } from './admin-api';

/** Form values are strings; this turns them back into the admin API's fields. */
function toChanges(form: FormData): AppChanges {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value.trim() : '';
  };
  const number = (name: string) => {
    const raw = text(name);
    return raw === '' ? undefined : Number(raw);
  };
  const webhooks = text('webhooks')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((url) => ({ url }));
  const changes: AppChanges = {
    name: text('name'),
    max_connections: number('max_connections') ?? null,
    max_presence_members: number('max_presence_members'),
    max_event_bytes: number('max_event_bytes'),
    max_client_events_per_second: number('max_client_events_per_second'),
    client_events_enabled: form.get('client_events_enabled') === 'on',
    subscription_count_enabled: form.get('subscription_count_enabled') === 'on',
    webhooks,
  };
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
}

/** Create or edit an app: name, limits, client events, webhook URLs (one per line). */
export function AppEditor({
  app,
  onSave,
  onCancel,
}: {
  app?: AdminApp;
  onSave: (changes: AppChanges & { name: string }) => Promise<void>;
  onCancel: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const changes = toChanges(new FormData(event.currentTarget));
    onSave({ ...changes, name: changes.name ?? '' }).then(
      () => setBusy(false),
      (failure: unknown) => {
        setBusy(false);
        setError(failure instanceof Error ? failure.message : String(failure));
      },
    );
  };

  return (
    <form className="editor" onSubmit={submit} aria-label={app ? `Edit ${app.name}` : 'New app'}>
      <label>
        Name
        <input name="name" defaultValue={app?.name ?? ''} required maxLength={100} />
      </label>
      <div className="editor-grid">
        <label>
          Max connections
          <input name="max_connections" type="number" min={0} defaultValue={app?.max_connections ?? ''} placeholder="unlimited" />
        </label>
        <label>
          Max presence members
          <input name="max_presence_members" type="number" min={1} defaultValue={app?.max_presence_members ?? 100000} />
        </label>
        <label>
          Max event bytes
          <input name="max_event_bytes" type="number" min={1} defaultValue={app?.max_event_bytes ?? 10240} />
        </label>
        <label>
          Client events / s
          <input name="max_client_events_per_second" type="number" min={0} defaultValue={app?.max_client_events_per_second ?? 10} />
        </label>
      </div>
      <label className="check">
        <input name="client_events_enabled" type="checkbox" defaultChecked={app?.client_events_enabled ?? false} /> Client events
      </label>
      <label className="check">
        <input name="subscription_count_enabled" type="checkbox" defaultChecked={app?.subscription_count_enabled ?? false} /> Subscription
        counts
      </label>
      <label>
        Webhook URLs (one per line)
        <textarea
          name="webhooks"
          rows={2}
          defaultValue={(app?.webhooks ?? []).map((hook) => hook.url).join('\n')}
          placeholder="https://example.com/pusher/webhooks"
        />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : app ? 'Save' : 'Create app'}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
