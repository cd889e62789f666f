import { useState } from 'react';
import { Link } from 'react-router';
import type { ReplayResult } from '../../../shared/domain';
import type { TriadErrorData } from '../../../shared/errors';
import { roleHas } from '../../../shared/permissions';
import { asTriadError } from '../api/ApiClient';
import { useApi } from '../api/ApiContext';
import { ErrorNotice } from '../components/ErrorNotice';
import { useSessionStore } from '../stores/sessionStore';

/** Re-runs the trace with its model hash, parameters and seed, and shows how the output differs. */
export function ReplayPanel({ traceId, running }: { traceId: string; running: boolean }) {
  const api = useApi();
  const role = useSessionStore((s) => s.session?.user.role);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ReplayResult | null>(null);
  const [error, setError] = useState<TriadErrorData | null>(null);
  const mayRun = role !== undefined && roleHas(role, 'runs.create');

  const replay = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.call('traces.replay', { id: traceId }));
    } catch (err) {
      setError(asTriadError(err).toJSON());
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="detail-card replay-panel" aria-label="Replay">
      <div className="panel-head">
        <h2 className="section-title">Replay</h2>
        <div className="panel-actions">
          <button type="button" className="btn btn-small" onClick={() => void replay()} disabled={busy || running || !mayRun}>
            {busy ? 'Replaying…' : 'Replay'}
          </button>
        </div>
      </div>
      <p className="muted small">
        Runs the same weights (by sha256), input, parameters and seed again. At temperature 0 the output must be identical.
        {!mayRun && ' Your role may not start runs.'}
      </p>
      {error !== null && <ErrorNotice error={error} title="Replay failed" />}
      {result !== null && (
        <div data-testid="replay-result">
          <p className={result.identical ? 'text-ok' : 'text-warn'} role="status">
            {result.identical ? 'Identical output.' : 'The output differs.'}{' '}
            <Link to={`/traces/${encodeURIComponent(result.replayTraceId)}`} className="mono">
              Open the replay
            </Link>
          </p>
          {!result.identical && (
            <pre className="trace-pre diff-view" data-testid="replay-diff">
              {result.diff.map((part, i) =>
                part.op === 'equal' ? (
                  <span key={i}>{part.text}</span>
                ) : part.op === 'insert' ? (
                  <ins key={i} className="diff-ins" title="only in the replay">
                    {part.text}
                  </ins>
                ) : (
                  <del key={i} className="diff-del" title="only in the original">
                    {part.text}
                  </del>
                ),
              )}
            </pre>
          )}
        </div>
      )}
    </section>
  );
}
