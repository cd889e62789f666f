import { useState } from 'react';
import type { FormEvent } from 'react';
import type { TriadError } from '../../../shared/errors';
import type { ApiTokenInfo } from '../../../shared/methods/tokens';
import { asTriadError } from '../api/ApiClient';
import { useApi } from '../api/ApiContext';
import { ErrorNotice } from '../components/ErrorNotice';
import { TextField } from '../components/TextField';
import { EXPIRY_CHOICES } from './tokenState';

/** Names a new token and picks its lifetime; the secret comes back once, to the caller. */
export function CreateTokenForm({ onCreated, onCancel }: { onCreated: (token: string, info: ApiTokenInfo) => void; onCancel: () => void }) {
  const api = useApi();
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState('0');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<TriadError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const days = EXPIRY_CHOICES[Number(expiry)]?.days ?? null;
    try {
      const created = await api.call('tokens.create', days === null ? { name } : { name, expiresInDays: days });
      onCreated(created.token, created.info);
    } catch (caught) {
      setError(asTriadError(caught));
      setBusy(false);
    }
  }

  return (
    <form className="gov-form detail-card" aria-label="Create token" onSubmit={(event) => void submit(event)} noValidate>
      <div className="gov-inline-form">
        <TextField label="Token name" value={name} onChange={setName} autoComplete="off" autoFocus placeholder="e.g. nightly-eval" required />
        <div className="field">
          <label className="field-label" htmlFor="token-expiry">
            Expires after
          </label>
          <select id="token-expiry" className="input" value={expiry} onChange={(e) => setExpiry(e.target.value)}>
            {EXPIRY_CHOICES.map((choice, i) => (
              <option key={choice.label} value={String(i)}>
                {choice.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="muted small">The token acts as you, with your role as it is at each call. Revoke it when the script no longer needs it.</p>
      {error !== null && <ErrorNotice error={error} title="Could not create the token" />}
      <div className="inline-field">
        <button type="submit" className="btn btn-primary btn-small" disabled={busy}>
          {busy ? 'Creating…' : 'Create token'}
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
