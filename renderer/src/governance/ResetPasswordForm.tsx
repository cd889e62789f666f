import { useState } from 'react';
import type { FormEvent } from 'react';
import type { TriadError } from '../../../shared/errors';
import { asTriadError } from '../api/ApiClient';
import { useApi } from '../api/ApiContext';
import { ErrorNotice } from '../components/ErrorNotice';
import { TextField } from '../components/TextField';

/** An admin sets another user's password (also lifts a lockout). */
export function ResetPasswordForm({ username, onDone }: { username: string; onDone: () => void }) {
  const api = useApi();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<TriadError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.call('users.resetPassword', { username, password });
      onDone();
    } catch (caught) {
      setError(asTriadError(caught));
      setBusy(false);
    }
  }

  return (
    <form className="gov-inline-form" aria-label={`Set password for ${username}`} onSubmit={(event) => void submit(event)} noValidate>
      <TextField
        label={`New password for ${username}`}
        type="password"
        value={password}
        onChange={setPassword}
        autoComplete="new-password"
        autoFocus
      />
      <button type="submit" className="btn btn-small btn-primary" disabled={busy}>
        {busy ? 'Setting…' : 'Set password'}
      </button>
      {error !== null && <ErrorNotice error={error} />}
    </form>
  );
}
