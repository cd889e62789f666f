import type { MethodOutput } from '../../../shared/contract';
import type { AuditFilterKey, AuditFilterValues } from './useAuditQueryParams';

interface Props {
  values: AuditFilterValues;
  facets: MethodOutput<'auditLog.facets'> | undefined;
  filtered: boolean;
  onChange: (key: AuditFilterKey, value: string) => void;
  onClear: () => void;
}

/** Action groups ("user." = every user change) followed by the exact actions seen so far. */
function actionOptions(actions: string[]): string[] {
  const groups = [...new Set(actions.map((a) => a.split('.')[0]).filter((g): g is string => g !== undefined))].map((g) => `${g}.`);
  return [...groups, ...actions];
}

function Select({ label, value, options, onChange }: { label: string; value: string; options: string[]; onChange: (v: string) => void }) {
  const id = `audit-filter-${label.toLowerCase()}`;
  // Keep a value from the URL selectable even before the facets arrive.
  const all = value !== '' && !options.includes(value) ? [value, ...options] : options;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="input input-small" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any</option>
        {all.map((o) => (
          <option key={o} value={o}>
            {o.endsWith('.') ? `${o}* (all)` : o}
          </option>
        ))}
      </select>
    </div>
  );
}

export function AuditFilters({ values, facets, filtered, onChange, onClear }: Props) {
  return (
    <div className="gov-filters" role="search" aria-label="Audit log filters">
      <Select label="Actor" value={values.actor} options={facets?.actors ?? []} onChange={(v) => onChange('actor', v)} />
      <Select label="Action" value={values.action} options={actionOptions(facets?.actions ?? [])} onChange={(v) => onChange('action', v)} />
      <Select label="Source" value={values.source} options={facets?.sources ?? []} onChange={(v) => onChange('source', v)} />
      <div className="field">
        <label className="field-label" htmlFor="audit-filter-target">
          Target contains
        </label>
        <input
          id="audit-filter-target"
          className="input input-small"
          value={values.target}
          placeholder="user:erin"
          onChange={(e) => onChange('target', e.target.value)}
        />
      </div>
      <div className="field">
        <label className="field-label" htmlFor="audit-filter-from">
          From
        </label>
        <input id="audit-filter-from" type="date" className="input input-small" value={values.from} onChange={(e) => onChange('from', e.target.value)} />
      </div>
      <div className="field">
        <label className="field-label" htmlFor="audit-filter-to">
          To
        </label>
        <input id="audit-filter-to" type="date" className="input input-small" value={values.to} onChange={(e) => onChange('to', e.target.value)} />
      </div>
      {filtered && (
        <button type="button" className="btn btn-small btn-ghost" onClick={onClear}>
          Clear filters
        </button>
      )}
    </div>
  );
}
