import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { useApi } from '../api/ApiContext';
import { formatDateTime } from '../format/format';
import { useQuery } from '../hooks/useQuery';
import '../ledger/ledger.css';

const REFRESH_MS = 20_000;
/** Older than this, the status bar asks for a fresh verification by itself. */
const STALE_MS = 15 * 60_000;

/**
 * The ledger's verification state, always in view: size, last checkpoint and
 * last verification, and a loud red badge when anything was tampered with.
 * It says "not verified yet" rather than a reassuring word it has not earned.
 */
export function LedgerStatus() {
  const api = useApi();
  const status = useQuery('ledger.status', {});
  const { reload } = status;
  const asked = useRef(false);

  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  // Verify in the background when nobody has for a while, once per page load.
  const loaded = status.data !== undefined;
  const last = status.data?.lastVerification;
  const lastAt = last?.at ?? null;
  useEffect(() => {
    if (!loaded || asked.current) return;
    if (lastAt !== null && Date.now() - Date.parse(lastAt) <= STALE_MS) return;
    asked.current = true;
    api.call('ledger.verify', {}).then(reload, () => undefined);
  }, [loaded, lastAt, api, reload]);

  if (status.error !== undefined) {
    return (
      <span className="badge badge-warn ledger-status" title={status.error.message}>
        <span className="badge-dot" aria-hidden="true" />
        Ledger: status unavailable
      </span>
    );
  }
  const s = status.data;
  if (s === undefined) {
    return (
      <span className="badge badge-neutral ledger-status">
        <span className="badge-dot" aria-hidden="true" />
        Ledger…
      </span>
    );
  }
  const checkpoint = s.lastCheckpoint ? `last checkpoint #${s.lastCheckpoint.seq} (size ${s.lastCheckpoint.size}) at ${formatDateTime(s.lastCheckpoint.at)}` : 'no checkpoint yet';
  const verified = last ? `last verified ${formatDateTime(last.at)}: ${last.summary}` : 'not verified yet';
  const since = s.sinceVerification ?? 0;
  // Honest about what the verdict covers: entries that arrived after the check are not vouched for yet.
  const sinceText = last && since > 0 ? ` (${since} since check)` : '';
  const title = `${s.size} entries${last ? `, ${last.size} of them verified` : ''} · ${checkpoint} · ${verified}`;
  if (last && !last.ok) {
    return (
      <Link to="/audit" className="badge badge-danger ledger-status ledger-tampered" role="alert" title={title} data-testid="ledger-status">
        <span className="badge-dot" aria-hidden="true" />
        ⚠ Ledger TAMPERED{last.firstBadEntry !== null ? ` · entry ${last.firstBadEntry}` : ''} · {s.size} entries
      </Link>
    );
  }
  return (
    <Link to="/audit" className={`badge ${last ? 'badge-ok' : 'badge-neutral'} ledger-status`} title={title} data-testid="ledger-status">
      <span className="badge-dot" aria-hidden="true" />
      {last ? 'Ledger verified' : 'Ledger not verified yet'} · {s.size} entries{sinceText}
    </Link>
  );
}
