import { useState } from 'react';
import type { FormEvent } from 'react';
import type { TriadError } from '../../../shared/errors';
import { ROLES, type Role } from '../../../shared/permissions';
import { asTriadError } from '../api/ApiClient';
import { useApi } from '../api/ApiContext';
import { ErrorNotice } from '../components/ErrorNotice';
import { TextField } from '../components/TextField';
import { ROLE_HELP } from './roleHelp';

/** An admin adds an account: name, role and a first password to hand over. */
export function AddUserForm({ onAdded, onCancel }: { onAdded: (username: string) => void; onCancel: () => void }) {
  const api = useApi();
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('analyst');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<TriadError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = await api.call('users.create', { username, role, password });
      onAdded(user.username);
    } catch (caught) {
      setError(asTriadError(caught));
      setBusy(false);
    }
  }

  return (
    <form className="gov-form detail-card" aria-label="Add user" onSubmit={(event) => void submit(event)} noValidate>
      <div className="gov-form-row">
        <TextField label="User name" value={username} onChange={setUsername} autoComplete="off" autoFocus required />
        <div className="field">
          <label className="field-label" htmlFor="add-user-role">
            Role
          </label>
          <select id="add-user-role" className="input" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <TextField
          label="First password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          help="At least 8 characters, not the user name. Hand it over in person."
          required
        />
      </div>
      <p className="muted small">{ROLE_HELP[role]}</p>
      {error !== null && <ErrorNotice error={error} title="Could not add the user" />}
      <div className="inline-field">
        <button type="submit" className="btn btn-primary btn-small" disabled={busy}>
          {busy ? 'Adding…' : 'Add user'}
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
