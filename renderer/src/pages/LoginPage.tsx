import { useState } from 'react';
import type { FormEvent } from 'react';
import type { TriadError } from '../../../shared/errors';
import { asTriadError } from '../api/ApiClient';
import { useApi } from '../api/ApiContext';
import { ErrorNotice } from '../components/ErrorNotice';
import { TextField } from '../components/TextField';
import { useSessionStore } from '../stores/sessionStore';
import { AuthLayout } from './AuthLayout';

export function LoginPage({ appVersion, notice }: { appVersion: string; notice: string | null }) {
  const api = useApi();
  const signIn = useSessionStore((s) => s.signIn);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<TriadError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      signIn(await api.call('auth.login', { username, password }));
    } catch (caught) {
      setError(asTriadError(caught));
      setBusy(false);
    }
  }

  return (
    <AuthLayout title="Sign in" appVersion={appVersion}>
      {notice !== null && error === null && (
        <p className="notice notice-info" role="status">
          {notice}
        </p>
      )}
      <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
        <TextField label="User name" value={username} onChange={setUsername} autoComplete="username" autoFocus required />
        <TextField
          label="Password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          required
        />
        {error !== null && <ErrorNotice error={error} />}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </AuthLayout>
  );
}
