import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { TriadError } from '../../../shared/errors';
import { asTriadError } from '../api/ApiClient';
import { useApi } from '../api/ApiContext';
import { ErrorNotice } from '../components/ErrorNotice';
import { TextField } from '../components/TextField';
import './governance.css';

/** Change one's own password: the current one, then the new one twice. This session stays; others end. */
export function ChangePasswordDialog({ onClose }: { onClose: (changed: boolean) => void }) {
  const api = useApi();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<TriadError | null>(null);
  const mismatch = again !== '' && next !== again;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose(false);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (next !== again) return;
    setBusy(true);
    setError(null);
    try {
      await api.call('users.changePassword', { currentPassword: current, newPassword: next });
      onClose(true);
    } catch (caught) {
      setError(asTriadError(caught));
      setBusy(false);
    }
  }

  return (
    <div className="dialog-backdrop">
      <form
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="change-password-title"
        onSubmit={(event) => void submit(event)}
        noValidate
      >
        <h2 id="change-password-title" className="dialog-title">
          Change password
        </h2>
        <TextField label="Current password" type="password" value={current} onChange={setCurrent} autoComplete="current-password" autoFocus />
        <TextField
          label="New password"
          type="password"
          value={next}
          onChange={setNext}
          autoComplete="new-password"
          help="At least 8 characters, not your user name. Your other sessions will end."
        />
        <TextField label="Repeat new password" type="password" value={again} onChange={setAgain} autoComplete="new-password" />
        {mismatch && <p className="text-danger small">The two new passwords differ.</p>}
        {error !== null && <ErrorNotice error={error} />}
        <div className="inline-field">
          <button type="submit" className="btn btn-primary btn-small" disabled={busy || mismatch || next === ''}>
            {busy ? 'Changing…' : 'Change password'}
          </button>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => onClose(false)} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
