import { useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import type { TriadError } from '../../../shared/errors';
import { asTriadError } from '../api/ApiClient';
import { useApi } from '../api/ApiContext';
import { CopyButton } from '../components/CopyButton';
import { ErrorNotice } from '../components/ErrorNotice';
import { HashText } from '../components/HashText';
import { TextField } from '../components/TextField';
import { formatDateTime } from '../format/format';
import { useQuery } from '../hooks/useQuery';
import { useSessionStore } from '../stores/sessionStore';

type Key = MethodOutput<'ledger.keys'>[number];

function ownerOf(k: Key): string {
  return k.ownerKind === 'user' ? (k.name.split('/').at(-1) ?? k.name) : 'installation';
}

/** One key's public half as PEM, fetched when asked for, with a copy button. */
function PemCell({ keyId }: { keyId: string }) {
  const api = useApi();
  const [pem, setPem] = useState<string | null>(null);
  if (pem === null) {
    return (
      <button type="button" className="btn btn-tiny" onClick={() => void api.call('ledger.publicKey', { keyId }).then((r) => setPem(r.pem))}>
        Show PEM
      </button>
    );
  }
  return (
    <div className="ledger-pem">
      <pre className="mono small" data-testid="ledger-pem">
        {pem}
      </pre>
      <CopyButton value={pem} what="public key (PEM)" />
    </div>
  );
}

/**
 * Signing keys with their status, the public halves as PEM for reviewers to
 * hold offline, and the signed-in user's own key: rotate it, or co-sign the
 * latest checkpoint with it (both need the password, which unlocks the key).
 */
export function SigningKeys({ onChange }: { onChange: () => void }) {
  const api = useApi();
  const me = useSessionStore((s) => s.session?.user);
  const keys = useQuery('ledger.keys', {});
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState<'rotate' | 'cosign' | null>(null);
  const [error, setError] = useState<TriadError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const act = (what: 'rotate' | 'cosign') => {
    setBusy(what);
    setError(null);
    setDone(null);
    const call =
      what === 'rotate'
        ? api.call('ledger.rotateMyKey', { password }).then((r) => `New signing key ${r.key.id.slice(0, 12)}…; the retired one still verifies what it signed.`)
        : api.call('ledger.cosign', { password }).then((c) => `You co-signed checkpoint #${c.seq} (size ${c.size}).`);
    call.then(
      (message) => {
        setBusy(null);
        setPassword('');
        setDone(message);
        keys.reload();
        onChange();
      },
      (err: unknown) => {
        setBusy(null);
        setError(asTriadError(err));
      },
    );
  };

  return (
    <section className="ledger-section" aria-labelledby="keys-title">
      <h2 id="keys-title" className="section-title">
        Signing keys
      </h2>
      {keys.error !== undefined && <ErrorNotice error={keys.error} title="Could not load the keys" onRetry={keys.reload} />}
      {keys.data !== undefined && (
        <div className="table-wrap">
          <table className="table" data-testid="ledger-keys">
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Owner</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col">Retired</th>
                <th scope="col">Public key</th>
              </tr>
            </thead>
            <tbody>
              {keys.data.map((k) => (
                <tr key={k.id}>
                  <td>
                    <HashText hash={k.id} what="key id" />
                  </td>
                  <td>{ownerOf(k)}</td>
                  <td>
                    <span className={`badge ${k.status === 'active' ? 'badge-ok' : 'badge-neutral'}`}>{k.status}</span>
                  </td>
                  <td>{formatDateTime(k.createdAt)}</td>
                  <td>{k.retiredAt ? formatDateTime(k.retiredAt) : '—'}</td>
                  <td>
                    <PemCell keyId={k.id} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {me !== undefined && (
        <form
          className="row ledger-my-key"
          aria-label="Your signing key"
          onSubmit={(e) => {
            e.preventDefault();
          }}
        >
          <TextField
            label={`Password for ${me.username}`}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
            help="Your password unlocks your signing key. Co-signing adds your signature to the latest checkpoint; rotating retires your key (its signatures stay verifiable) and makes a new one."
            disabled={busy !== null}
          />
          <button type="button" className="btn btn-small" disabled={busy !== null || password === ''} onClick={() => act('cosign')}>
            {busy === 'cosign' ? 'Co-signing…' : 'Co-sign latest checkpoint'}
          </button>
          <button type="button" className="btn btn-small" disabled={busy !== null || password === ''} onClick={() => act('rotate')}>
            {busy === 'rotate' ? 'Rotating…' : 'Rotate my key'}
          </button>
        </form>
      )}
      {error !== null && <ErrorNotice error={error} title="The key action failed" />}
      {done !== null && (
        <p className="text-ok small" role="status">
          {done}
        </p>
      )}
    </section>
  );
}
