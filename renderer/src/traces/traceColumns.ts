import type { TraceSummary } from '../../../shared/domain';
import type { SortDir } from '../components/SortHeader';

export interface TraceColumn {
  key: string;
  label: string;
  numeric: boolean;
  /** The value sorted on; null sorts last in either direction. */
  value: (trace: TraceSummary) => string | number | null;
}

export const TRACE_COLUMNS: readonly TraceColumn[] = [
  { key: 'time', label: 'Time', numeric: false, value: (t) => t.startedAt },
  { key: 'user', label: 'User', numeric: false, value: (t) => t.user },
  { key: 'source', label: 'Source', numeric: false, value: (t) => t.source },
  { key: 'model', label: 'Model', numeric: false, value: (t) => `${t.model.name}@${String(t.model.version).padStart(6, '0')}` },
  { key: 'input', label: 'Input', numeric: false, value: (t) => t.inputPreview },
  { key: 'output', label: 'Output', numeric: false, value: (t) => t.outputPreview },
  { key: 'status', label: 'Status', numeric: false, value: (t) => t.status },
  { key: 'tokens', label: 'Tokens', numeric: true, value: (t) => t.outputTokens },
  { key: 'latency', label: 'Latency', numeric: true, value: (t) => t.totalMs },
];

export const DEFAULT_SORT = 'time';

/** Newest first for time, largest first for numbers, A→Z for text. */
export function defaultDir(column: string): SortDir {
  const found = TRACE_COLUMNS.find((c) => c.key === column);
  return found === undefined || found.key === 'time' || found.numeric ? 'desc' : 'asc';
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

/** A sorted copy; ties keep the newest first so the order is stable between reloads. */
export function sortTraces(traces: readonly TraceSummary[], column: string, dir: SortDir): TraceSummary[] {
  const col = TRACE_COLUMNS.find((c) => c.key === column) ?? TRACE_COLUMNS[0];
  if (col === undefined) return [...traces];
  const sign = dir === 'asc' ? 1 : -1;
  return [...traces].sort((x, y) => {
    const a = col.value(x);
    const b = col.value(y);
    if (a === null || b === null) {
      if (a !== b) return a === null ? 1 : -1;
    } else {
      const order = compareValues(a, b);
      if (order !== 0) return order * sign;
    }
    return y.startedAt.localeCompare(x.startedAt);
  });
}
