import { useState, type FormEvent } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import type { TriadError } from '../../../shared/errors';
import { asTriadError } from '../api/ApiClient';
import { useApi } from '../api/ApiContext';
import { ErrorNotice } from '../components/ErrorNotice';
import { HashText } from '../components/HashText';

type Proof = MethodOutput<'ledger.proof'>;

/** An inclusion proof for one entry, by entry number or trace / audit event id. */
export function ProofLookup() {
  const api = useApi();
  const [ref, setRef] = useState('');
  const [proof, setProof] = useState<Proof | null>(null);
  const [error, setError] = useState<TriadError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (ref.trim() === '') return;
    setBusy(true);
    setError(null);
    api.call('ledger.proof', { entry: ref.trim() }).then(
      (p) => {
        setProof(p);
        setBusy(false);
      },
      (err: unknown) => {
        setProof(null);
        setError(asTriadError(err));
        setBusy(false);
      },
    );
  };

  return (
    <section className="ledger-section" aria-labelledby="proof-title">
      <h2 id="proof-title" className="section-title">
        Inclusion proof
      </h2>
      <form className="ledger-proof-form" onSubmit={submit}>
        <input
          className="input mono"
          aria-label="Entry number, trace id or audit event id"
          placeholder="Entry number, trace id or audit event id"
          value={ref}
          onChange={(e) => setRef(e.target.value)}
        />
        <button type="submit" className="btn btn-small" disabled={busy || ref.trim() === ''}>
          {busy ? 'Proving…' : 'Get proof'}
        </button>
      </form>
      {error !== null && <ErrorNotice error={error} title="No proof" />}
      {proof !== null && (
        <div data-testid="proof-result">
          <p>
            Entry <strong>{proof.entry.index}</strong> ({proof.entry.kind} <code className="mono">{proof.entry.ref}</code>) is in the tree of size{' '}
            {proof.treeSize}
            {proof.checkpoint ? ` signed in checkpoint #${proof.checkpoint.seq}` : ' (not yet covered by a checkpoint)'}:{' '}
            <strong>{proof.verified ? 'the proof verifies' : 'THE PROOF DOES NOT VERIFY'}</strong>.
          </p>
          <p className="small">
            Leaf <HashText hash={proof.leafHash} what="leaf hash" /> · root <HashText hash={proof.rootHash} what="root hash" /> · {proof.proof.length}{' '}
            sibling hashes
          </p>
          <pre className="ledger-note mono">{JSON.stringify(proof, null, 2)}</pre>
        </div>
      )}
    </section>
  );
}
