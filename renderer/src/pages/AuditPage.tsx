import { ErrorNotice } from '../components/ErrorNotice';
import { PageHeader } from '../components/PageHeader';
import { useCan } from '../governance/usePermission';
import { useQuery } from '../hooks/useQuery';
import { CheckpointTable } from '../ledger/CheckpointTable';
import { ProofLookup } from '../ledger/ProofLookup';
import { SigningKeys } from '../ledger/SigningKeys';
import { VerifyPanel } from '../ledger/VerifyPanel';
import '../ledger/ledger.css';

/** The tamper-evident record: its state, signed checkpoints and proofs. Audit bundles come later. */
export function AuditPage() {
  const canRead = useCan('audit.read');
  const status = useQuery('ledger.status', {});
  const checkpoints = useQuery('ledger.checkpoints', { limit: 50 });
  const reload = () => {
    status.reload();
    checkpoints.reload();
  };

  return (
    <div className="page">
      <PageHeader title="Audit" meta={status.data !== undefined ? `${status.data.size} ledger entries` : undefined} />
      {status.error !== undefined && <ErrorNotice error={status.error} title="Could not load the ledger" onRetry={reload} />}
      {status.data === undefined && status.error === undefined && <p className="muted">Loading the ledger…</p>}
      {status.data !== undefined && <VerifyPanel status={status.data} canCheckpoint={canRead} onChange={reload} />}
      {canRead && (
        <>
          <section className="ledger-section" aria-labelledby="checkpoints-title">
            <h2 id="checkpoints-title" className="section-title">
              Signed checkpoints
            </h2>
            {checkpoints.error !== undefined && <ErrorNotice error={checkpoints.error} title="Could not load checkpoints" onRetry={reload} />}
            {checkpoints.data !== undefined && <CheckpointTable checkpoints={checkpoints.data} />}
          </section>
          <ProofLookup />
          <SigningKeys onChange={reload} />
        </>
      )}
      {!canRead && <p className="muted">Checkpoints and proofs need the audit.read permission (admin or reviewer).</p>}
      <section className="ledger-section">
        <h2 className="section-title">Audit bundles</h2>
        <div className="not-built">
          <p>
            <strong>Not built yet.</strong> Signed audit bundles that a reviewer verifies offline come in a later release. Until then,{' '}
            <code>triad ledger verify</code>, <code>triad ledger proof ENTRY --json</code> and the signed notes above can be checked by hand (the
            signatures are plain Ed25519: <code>openssl pkeyutl -verify -rawin</code> accepts them).
          </p>
        </div>
      </section>
    </div>
  );
}
