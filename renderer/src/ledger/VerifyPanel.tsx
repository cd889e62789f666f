import { useCallback, useRef, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import type { TriadError } from '../../../shared/errors';
import type { TriadEvent } from '../../../shared/events';
import { asTriadError } from '../api/ApiClient';
import { useApi } from '../api/ApiContext';
import { ErrorNotice } from '../components/ErrorNotice';
import { HashText } from '../components/HashText';
import { Metric } from '../components/Metric';
import { ProgressBar } from '../components/ProgressBar';
import { useTriadEvents } from '../hooks/useTriadEvents';
import { DASH, formatDateTime } from '../format/format';

type Status = MethodOutput<'ledger.status'>;
type Report = MethodOutput<'ledger.verify'>;

/** Size, root, last checkpoint and verification, with "Verify now" and "Sign checkpoint". */
export function VerifyPanel({ status, canCheckpoint, onChange }: { status: Status; canCheckpoint: boolean; onChange: () => void }) {
  const api = useApi();
  const [report, setReport] = useState<Report | null>(null);
  const [busy, setBusy] = useState<'verify' | 'checkpoint' | null>(null);
  const [error, setError] = useState<TriadError | null>(null);
  const [progress, setProgress] = useState<{ label: string; done: number; total: number | null } | null>(null);
  const jobId = useRef<string | null>(null);

  // Verification is a job: its progress arrives as events while the call runs.
  const onEvent = useCallback((e: TriadEvent) => {
    if (e.type === 'job.progress' && e.jobId === jobId.current) setProgress({ label: e.label, done: e.done, total: e.total });
  }, []);
  useTriadEvents(onEvent);

  const verify = () => {
    const id = crypto.randomUUID().replaceAll('-', '');
    jobId.current = id;
    setProgress({ label: 'Verifying the ledger', done: 0, total: null });
    return api.call('ledger.verify', { jobId: id }).then(setReport).finally(() => {
      jobId.current = null;
      setProgress(null);
    });
  };
  const cancel = () => {
    if (jobId.current !== null) void api.call('ledger.cancelJob', { jobId: jobId.current }).catch(() => undefined);
  };

  const act = (what: 'verify' | 'checkpoint') => {
    setBusy(what);
    setError(null);
    const done = what === 'verify' ? verify() : api.call('ledger.checkpoint', {}).then(() => undefined);
    done.then(
      () => {
        setBusy(null);
        onChange();
      },
      (err: unknown) => {
        setBusy(null);
        setError(asTriadError(err));
      },
    );
  };

  const last = report ?? status.lastVerification;
  return (
    <section className="ledger-section" aria-labelledby="ledger-title">
      <div className="panel-head">
        <h2 id="ledger-title" className="section-title">
          Tamper-evident ledger
        </h2>
        <div className="panel-actions">
          {canCheckpoint && (
            <button type="button" className="btn btn-small" onClick={() => act('checkpoint')} disabled={busy !== null}>
              {busy === 'checkpoint' ? 'Signing…' : 'Sign checkpoint'}
            </button>
          )}
          <button type="button" className="btn btn-small btn-primary" onClick={() => act('verify')} disabled={busy !== null}>
            {busy === 'verify' ? 'Verifying…' : 'Verify now'}
          </button>
        </div>
      </div>
      <dl className="metric-strip">
        <Metric label="Entries">
          {status.size}
          {status.sinceVerification ? <span className="muted small"> ({status.sinceVerification} since check)</span> : null}
        </Metric>
        <Metric label="Root">
          <HashText hash={status.rootHash} what="root hash" />
        </Metric>
        <Metric label="Last checkpoint">{status.lastCheckpoint ? `#${status.lastCheckpoint.seq} · ${formatDateTime(status.lastCheckpoint.at)}` : DASH}</Metric>
        <Metric label="Last verified">{last ? formatDateTime('checkedAt' in last ? last.checkedAt : last.at) : 'never'}</Metric>
      </dl>
      {progress !== null && (
        <ProgressBar {...progress} onCancel={cancel} format={(n) => n.toLocaleString()} testId="ledger-verify-progress" />
      )}
      {error !== null && <ErrorNotice error={error} title="The ledger action failed" />}
      {last && last.ok && (
        <div className="notice notice-info" data-testid="ledger-verdict">
          <p>
            <strong>Verified.</strong> {last.summary}
          </p>
        </div>
      )}
      {last && !last.ok && (
        <div className="notice notice-error" role="alert" data-testid="ledger-verdict">
          <p>
            <strong>The ledger does not verify{last.firstBadEntry !== null ? `: the first bad entry is ${last.firstBadEntry}` : ''}.</strong> Something on
            the record was changed outside Triad. Keep a copy of this workspace as it is for investigation.
          </p>
          {report && (
            <ul className="ledger-problems">
              {report.problems.slice(0, 30).map((p, i) => (
                <li key={i}>
                  <code className="mono">{p.code}</code> {p.message}
                </li>
              ))}
            </ul>
          )}
          {!report && <p>{last.summary}</p>}
        </div>
      )}
      {!last && <p className="muted">Not verified yet. “Verify now” recomputes the whole tree from the stored entries and checks every signed checkpoint.</p>}
      <p className="muted small">
        Origin <code className="mono">{status.origin}</code>. Installation key{' '}
        {status.installationKey ? <code className="mono">{status.installationKey.verifierKey}</code> : DASH} — compare it with the one your
        reviewers hold.
      </p>
    </section>
  );
}
