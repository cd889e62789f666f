import { PARAM_FIELDS } from './paramFields';
import type { NumericParam, ParamDraft } from './paramFields';

interface Props {
  params: ParamDraft;
  onChange: (key: NumericParam, value: string) => void;
  onReset: () => void;
  disabled: boolean;
}

/** Sampling parameters. Blank fields use the core's default, shown as the placeholder. */
export function ParamsPanel({ params, onChange, onReset, disabled }: Props) {
  return (
    <fieldset className="params" disabled={disabled}>
      <div className="params-head">
        <legend className="section-title">Parameters</legend>
        <button type="button" className="btn btn-tiny btn-ghost" onClick={onReset}>
          Reset
        </button>
      </div>
      {PARAM_FIELDS.map((field) => {
        const id = `param-${field.key}`;
        return (
          <div key={field.key} className="param-row" title={field.help}>
            <label htmlFor={id} className="param-label">
              {field.label}
            </label>
            <span className="param-range" aria-hidden="true">
              {field.min}–{field.max}
            </span>
            <input
              id={id}
              className="input input-num"
              type="number"
              inputMode="decimal"
              min={field.min}
              max={field.max}
              step={field.step}
              placeholder={field.fallback === null ? 'random' : String(field.fallback)}
              value={params[field.key]}
              onChange={(event) => onChange(field.key, event.target.value)}
              aria-describedby={`${id}-help`}
            />
            <span id={`${id}-help`} className="visually-hidden">
              {field.help}
            </span>
          </div>
        );
      })}
    </fieldset>
  );
}
