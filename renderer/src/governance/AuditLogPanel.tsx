import { useCallback } from 'react';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { plural } from '../format/format';
import { useQuery } from '../hooks/useQuery';
import { AuditFilters } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { AUDIT_PAGE_SIZE, useAuditQueryParams } from './useAuditQueryParams';

/** Every recorded action, newest first, filtered from the URL. */
export function AuditLogPanel() {
  const { values, input, page, filtered, setFilter, setPage, clear } = useAuditQueryParams();
  const log = useQuery('auditLog.list', input);
  const facets = useQuery('auditLog.facets', {});
  const { reload: reloadLog } = log;
  const { reload: reloadFacets } = facets;
  const reload = useCallback(() => {
    reloadLog();
    reloadFacets();
  }, [reloadLog, reloadFacets]);

  const total = log.data?.total;
  const first = page * AUDIT_PAGE_SIZE;
  const events = log.data?.events ?? [];

  return (
    <section className="gov-section" aria-labelledby="audit-title">
      <div className="panel-head">
        <h2 id="audit-title" className="section-title">
          Audit log {total !== undefined && <span className="muted">· {plural(total, 'event')}{filtered ? ' match' : ''}</span>}
        </h2>
        <div className="panel-actions">
          <button type="button" className="btn btn-small" onClick={reload} disabled={log.loading}>
            Refresh
          </button>
        </div>
      </div>
      <AuditFilters values={values} facets={facets.data} filtered={filtered} onChange={setFilter} onClear={clear} />
      {log.error !== undefined && <ErrorNotice error={log.error} title="Could not load the audit log" onRetry={reload} />}
      {log.data === undefined && log.error === undefined && <p className="muted">Loading the audit log…</p>}
      {log.data !== undefined && events.length === 0 && (
        <EmptyState title={filtered ? 'No events match these filters' : 'Nothing recorded yet'}>
          <p>
            {filtered
              ? 'Widen the time range or clear a filter.'
              : 'Every sign-in, user and role change, token, import, approval and setting change is recorded here with who did it.'}
          </p>
        </EmptyState>
      )}
      {events.length > 0 && <AuditTable events={events} />}
      {total !== undefined && total > AUDIT_PAGE_SIZE && (
        <div className="inline-field gov-pager">
          <button type="button" className="btn btn-small" disabled={page === 0} onClick={() => setPage(page - 1)}>
            Newer
          </button>
          <span className="muted small">
            {first + 1}–{Math.min(first + AUDIT_PAGE_SIZE, total)} of {total}
          </span>
          <button type="button" className="btn btn-small" disabled={first + AUDIT_PAGE_SIZE >= total} onClick={() => setPage(page + 1)}>
            Older
          </button>
        </div>
      )}
    </section>
  );
}
