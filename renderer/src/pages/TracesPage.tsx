import { useCallback } from 'react';
import { Link, useNavigate } from 'react-router';
import type { MethodInput } from '../../../shared/contract';
import type { TriadEvent } from '../../../shared/events';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageHeader } from '../components/PageHeader';
import { plural } from '../format/format';
import { useQuery } from '../hooks/useQuery';
import { useTriadEvents } from '../hooks/useTriadEvents';
import { sortTraces } from '../traces/traceColumns';
import { TraceFilters } from '../traces/TraceFilters';
import { TraceModelFilter } from '../traces/TraceModelFilter';
import '../traces/traces.css';
import { TraceTable } from '../traces/TraceTable';
import { useTraceQueryParams } from '../traces/useTraceQueryParams';

const PAGE_SIZE = 500;

/** Every recorded run, newest first, filtered and sorted from the URL. */
export function TracesPage() {
  const navigate = useNavigate();
  const { query, search, setModel, setFilter, clearFilters, toggleSort } = useTraceQueryParams();
  const input = { limit: PAGE_SIZE, ...query.filters } as MethodInput<'traces.list'>;
  const filtered = Object.keys(query.filters).length > 0;
  const traces = useQuery('traces.list', input);
  const models = useQuery('models.list', {});
  const { reload } = traces;

  // New runs appear without a manual refresh.
  const onEvent = useCallback(
    (event: TriadEvent) => {
      if (event.type === 'run.started' || event.type === 'run.finished') reload();
    },
    [reload],
  );
  useTriadEvents(onEvent);

  const open = (id: string) => navigate(`/traces/${encodeURIComponent(id)}`, { state: { fromSearch: search } });
  const rows = traces.data === undefined ? [] : sortTraces(traces.data, query.sort, query.dir);
  const count = traces.data?.length;

  return (
    <div className="page page-fill">
      <PageHeader
        title="Traces"
        meta={count === undefined ? undefined : count === PAGE_SIZE ? `newest ${PAGE_SIZE} shown` : plural(count, 'trace')}
        actions={
          <>
            <TraceModelFilter models={models.data} value={query.model} onChange={setModel} />
            <button type="button" className="btn btn-small" onClick={reload} disabled={traces.loading}>
              Refresh
            </button>
          </>
        }
      />
      <TraceFilters filters={query.filters} onChange={setFilter} onClear={clearFilters} />
      {traces.error !== undefined && <ErrorNotice error={traces.error} title="Could not load traces" onRetry={reload} />}
      {traces.data === undefined && traces.error === undefined && <p className="muted">Loading traces…</p>}
      {traces.data !== undefined && rows.length === 0 && !filtered && (
        <EmptyState title="No traces yet">
          <p>
            Every run is recorded here with its input, output, model hash, parameters and timing. Make the first one in
            the <Link to="/playground">Playground</Link>: pick a model, write a prompt and press Run.
          </p>
        </EmptyState>
      )}
      {traces.data !== undefined && rows.length === 0 && filtered && (
        <EmptyState title={query.filters.search !== undefined ? `Nothing matches “${query.filters.search}”` : 'No traces match these filters'}>
          <p>
            <button type="button" className="btn btn-small" onClick={clearFilters}>
              Clear filters
            </button>
          </p>
        </EmptyState>
      )}
      {rows.length > 0 && (
        <div className="table-wrap table-scroll">
          <TraceTable traces={rows} sort={query.sort} dir={query.dir} onSort={toggleSort} onOpen={open} />
        </div>
      )}
      {rows.length > 0 && (
        <p className="table-hint muted small">
          ↑ ↓ to move, Enter to open. Click a column heading to sort.
        </p>
      )}
    </div>
  );
}
