import { useState, type FormEvent } from 'react';
import { describeError } from '../shared/errors';
import { fetchDemoToken, type ChatIdentity } from './chat-api';

/** Pick a name and a room; gets a demo token from the api. */
export function JoinForm({ apiUrl, demo, onJoined }: { apiUrl: string; demo: boolean; onJoined: (identity: ChatIdentity) => void }) {
  const [name, setName] = useState('');
  const [room, setRoom] = useState('lobby');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    fetchDemoToken(apiUrl, name.trim(), room.trim().toLowerCase()).then(onJoined, (failure: unknown) => {
      setError(describeError(failure));
      setBusy(false);
    });
  };

  return (
    <form className="card join" onSubmit={submit} aria-label="Join a room">
      <h1>Join the chat</h1>
      {!demo && <p className="hint">Demo tokens are off on this server (DEMO_MODE=false), so joining will fail.</p>}
      <label>
        Your name
        <input
          name="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={40}
          autoFocus
          autoComplete="nickname"
        />
      </label>
      <label>
        Room
        <input name="room" value={room} onChange={(e) => setRoom(e.target.value)} required maxLength={40} pattern="[A-Za-z0-9_\-]+" />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy || !name.trim()}>
        {busy ? 'Joining…' : 'Join'}
      </button>
    </form>
  );
}
