import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import type { SortDir } from '../components/SortHeader';
import { DEFAULT_SORT, defaultDir, TRACE_COLUMNS } from './traceColumns';

/** The filters the explorer keeps in the URL; names match traces.list's input. */
export const FILTER_KEYS = ['search', 'model', 'prompt', 'user', 'source', 'status', 'flag', 'from', 'to'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type TraceFilters = Partial<Record<FilterKey, string>>;

export interface TraceQuery {
  model: string | undefined;
  filters: TraceFilters;
  sort: string;
  dir: SortDir;
}

/** The traces list's filters and sort, kept in the URL so a view can be shared or reloaded. */
export function useTraceQueryParams() {
  const [params, setParams] = useSearchParams();
  const rawSort = params.get('sort');
  const sort = rawSort !== null && TRACE_COLUMNS.some((c) => c.key === rawSort) ? rawSort : DEFAULT_SORT;
  const rawDir = params.get('dir');
  const dir: SortDir = rawDir === 'asc' || rawDir === 'desc' ? rawDir : defaultDir(sort);
  const filters: TraceFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value !== null && value !== '') filters[key] = value;
  }

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

  const setFilter = useCallback((key: FilterKey, value: string | undefined) => update({ [key]: value }), [update]);
  const setModel = useCallback((value: string | undefined) => update({ model: value }), [update]);
  const clearFilters = useCallback(() => update(Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined]))), [update]);
  const toggleSort = useCallback(
    (column: string) => {
      const nextDir = column === sort ? (dir === 'asc' ? 'desc' : 'asc') : defaultDir(column);
      update({ sort: column, dir: nextDir });
    },
    [update, sort, dir],
  );

  const query: TraceQuery = { model: filters.model, filters, sort, dir };
  return { query, search: params.toString(), setModel, setFilter, clearFilters, toggleSort };
}
