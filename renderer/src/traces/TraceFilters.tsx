import { useState } from 'react';
import type { FormEvent } from 'react';
import { SOURCES, TRACE_STATUSES } from '../../../shared/domain';
import type { FilterKey, TraceFilters as Filters } from './useTraceQueryParams';

interface Props {
  filters: Filters;
  onChange: (key: FilterKey, value: string | undefined) => void;
  onClear: () => void;
}

/** datetime-local speaks local time without a zone; the URL and the core speak ISO-8601 UTC. */
function toIso(local: string): string | undefined {
  if (local === '') return undefined;
  const ms = Date.parse(local);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function toLocal(iso: string | undefined): string {
  if (iso === undefined) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Full-text search plus the explorer's filters; every value lives in the URL. */
export function TraceFilters({ filters, onChange, onClear }: Props) {
  const [draft, setDraft] = useState(filters.search ?? '');
  const [seen, setSeen] = useState(filters.search);
  // Follow the URL when it changes from elsewhere (back button, a shared link).
  if (seen !== filters.search) {
    setSeen(filters.search);
    setDraft(filters.search ?? '');
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange('search', draft.trim() === '' ? undefined : draft.trim());
  };
  const active = Object.keys(filters).length > 0;
  const text = (key: 'user' | 'prompt' | 'flag', label: string, placeholder: string) => (
    <label className="filter-field">
      <span className="field-label">{label}</span>
      <input
        className="input input-small"
        defaultValue={filters[key] ?? ''}
        key={`${key}:${filters[key] ?? ''}`}
        placeholder={placeholder}
        onBlur={(event) => onChange(key, event.target.value.trim() || undefined)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') onChange(key, event.currentTarget.value.trim() || undefined);
        }}
      />
    </label>
  );
  return (
    <div className="trace-filters" role="search">
      <form className="filter-search" onSubmit={submit}>
        <input
          type="search"
          className="input"
          aria-label="Search inputs and outputs"
          placeholder="Search inputs and outputs…"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit" className="btn btn-small">
          Search
        </button>
      </form>
      <label className="filter-field">
        <span className="field-label">Source</span>
        <select className="input input-small" value={filters.source ?? ''} onChange={(e) => onChange('source', e.target.value || undefined)}>
          <option value="">Any</option>
          {SOURCES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label className="filter-field">
        <span className="field-label">Status</span>
        <select className="input input-small" value={filters.status ?? ''} onChange={(e) => onChange('status', e.target.value || undefined)}>
          <option value="">Any</option>
          {TRACE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      {text('user', 'User', 'any')}
      {text('prompt', 'Prompt', 'name@version')}
      {text('flag', 'Flag', 'e.g. json_invalid')}
      <label className="filter-field">
        <span className="field-label">From</span>
        <input type="datetime-local" className="input input-small" value={toLocal(filters.from)} onChange={(e) => onChange('from', toIso(e.target.value))} />
      </label>
      <label className="filter-field">
        <span className="field-label">To</span>
        <input type="datetime-local" className="input input-small" value={toLocal(filters.to)} onChange={(e) => onChange('to', toIso(e.target.value))} />
      </label>
      {active && (
        <button type="button" className="btn btn-small btn-ghost" onClick={onClear}>
          Clear filters
        </button>
      )}
    </div>
  );
}
