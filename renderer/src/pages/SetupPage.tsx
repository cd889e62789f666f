import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Session } from '../../../shared/domain';
import { TriadError } from '../../../shared/errors';
import { asTriadError } from '../api/ApiClient';
import { useApi } from '../api/ApiContext';
import { ErrorNotice } from '../components/ErrorNotice';
import { TextField } from '../components/TextField';
import { peekLaunchToken } from '../startup/launchToken';
import { AuthLayout } from './AuthLayout';

interface Props {
  appVersion: string;
  onCreated: (session: Session, appVersion: string) => void;
}

/** First launch: the workspace has no users, so the first one becomes its administrator. */
export function SetupPage({ appVersion, onCreated }: Props) {
  const api = useApi();
  const launchToken = peekLaunchToken();
  // In a browser the core only accepts the first admin together with the launch token.
  const missingToken = api.transport.kind === 'http' && launchToken === null;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<TriadError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password !== confirm) {
      setError(new TriadError('BAD_INPUT', 'The two passwords do not match.', 'Type the same password in both fields.'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const input = launchToken === null ? { username, password } : { username, password, launchToken };
      onCreated(await api.call('setup.createAdmin', input), appVersion);
    } catch (caught) {
      setError(asTriadError(caught));
      setBusy(false);
    }
  }

  return (
    <AuthLayout title="Create the administrator" appVersion={appVersion}>
      <p className="muted">
        This workspace has no users yet. The account you create now is its administrator: it can add users, assign
        roles and read the audit record.
      </p>
      {missingToken && (
        <div className="notice notice-warn" role="status">
          <strong>Open the launch link to continue.</strong>
          <p>
            For safety, the first administrator can only be created from the address that <code>triad serve</code> (or{' '}
            <code>npm start</code>) printed in its terminal. It looks like{' '}
            <code className="mono">http://127.0.0.1:PORT/?launch=…</code>. Open that exact address in this browser.
          </p>
        </div>
      )}
      <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label="User name"
          value={username}
          onChange={setUsername}
          autoComplete="username"
          autoFocus
          required
          help="Letters, digits, dot, dash or underscore."
        />
        <TextField
          label="Password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          required
          help="At least 8 characters."
        />
        <TextField
          label="Confirm password"
          type="password"
          value={confirm}
          onChange={setConfirm}
          autoComplete="new-password"
          required
        />
        {error !== null && <ErrorNotice error={error} />}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy || missingToken}>
          {busy ? 'Creating…' : 'Create administrator'}
        </button>
      </form>
    </AuthLayout>
  );
}
