import type { ModelSummary } from '../../../shared/domain';

interface Props {
  models: ModelSummary[] | undefined;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}

/** Filters traces by model name, or by one version as `name@version`. */
export function TraceModelFilter({ models, value, onChange }: Props) {
  const known = models?.some((m) => m.name === value || m.versions.some((v) => `${v.name}@${v.version}` === value)) ?? false;
  return (
    <div className="inline-field">
      <label htmlFor="trace-model-filter" className="field-label">
        Filter by model
      </label>
      <select
        id="trace-model-filter"
        className="input input-small"
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
      >
        <option value="">All models</option>
        {value !== undefined && !known && <option value={value}>{value}</option>}
        {models?.map((m) => (
          <optgroup key={m.name} label={m.name}>
            <option value={m.name}>{m.name} (all versions)</option>
            {m.versions.map((v) => (
              <option key={v.id} value={`${v.name}@${v.version}`}>
                {v.name}@{v.version}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}
