import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import type { SortDir } from '../components/SortHeader';
import { DEFAULT_SORT, defaultDir, TRACE_COLUMNS } from './traceColumns';

export interface TraceQuery {
  model: string | undefined;
  sort: string;
  dir: SortDir;
}

/** The traces list's filter and sort, kept in the URL so a view can be shared or reloaded. */
export function useTraceQueryParams() {
  const [params, setParams] = useSearchParams();
  const rawSort = params.get('sort');
  const sort = rawSort !== null && TRACE_COLUMNS.some((c) => c.key === rawSort) ? rawSort : DEFAULT_SORT;
  const rawDir = params.get('dir');
  const dir: SortDir = rawDir === 'asc' || rawDir === 'desc' ? rawDir : defaultDir(sort);
  const model = params.get('model') ?? undefined;

  const update = useCallback(
    (changes: Record<string, string | undefined>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(changes)) {
            if (value === undefined || value === '') next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const setModel = useCallback((value: string | undefined) => update({ model: value }), [update]);
  const toggleSort = useCallback(
    (column: string) => {
      const nextDir = column === sort ? (dir === 'asc' ? 'desc' : 'asc') : defaultDir(column);
      update({ sort: column, dir: nextDir });
    },
    [update, sort, dir],
  );

  const query: TraceQuery = { model, sort, dir };
  return { query, search: params.toString(), setModel, toggleSort };
}
