import { Link } from 'react-router';
import type { ModelVersion } from '../../../shared/domain';
import { versionRef } from '../models/modelRefs';

interface Props {
  versions: ModelVersion[] | undefined;
  value: string;
  onChange: (ref: string) => void;
  disabled: boolean;
}

/** Picks a model version by `name@version`; the label "Model" is what tests and screen readers find. */
export function ModelPicker({ versions, value, onChange, disabled }: Props) {
  const empty = versions !== undefined && versions.length === 0;
  return (
    <div className="field">
      <label htmlFor="playground-model" className="field-label">
        Model
      </label>
      <select
        id="playground-model"
        className="input"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        disabled={disabled || versions === undefined || empty}
      >
        {versions === undefined && <option value="">Loading…</option>}
        {empty && <option value="">No versions registered</option>}
        {versions?.map((v) => {
          const ref = versionRef(v);
          return (
            <option key={v.id} value={ref}>
              {ref}
            </option>
          );
        })}
      </select>
      {empty && (
        <p className="field-help">
          Nothing to run yet. <Link to="/models">Import a GGUF model</Link> first.
        </p>
      )}
    </div>
  );
}
