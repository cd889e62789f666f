import { Link } from 'react-router';
import type { ModelVersion } from '../../../shared/domain';
import { versionRef } from '../models/modelRefs';

interface Props {
  versions: ModelVersion[] | undefined;
  value: string;
  onChange: (ref: string) => void;
  disabled: boolean;
  /** Set when a saved prompt supplies the model: says so (its pin may be a label or a name, not a listed version). */
  pinNote?: string | undefined;
}

/** Picks a model version by `name@version`; the label "Model" is what tests and screen readers find. */
export function ModelPicker({ versions, value, onChange, disabled, pinNote }: Props) {
  const empty = versions !== undefined && versions.length === 0;
  const unlisted = pinNote !== undefined && !(versions ?? []).some((v) => versionRef(v) === value);
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
        disabled={disabled || versions === undefined || (empty && !unlisted)}
      >
        {versions === undefined && <option value="">Loading…</option>}
        {empty && !unlisted && <option value="">No versions registered</option>}
        {unlisted && <option value={value}>{value}</option>}
        {versions?.map((v) => {
          const ref = versionRef(v);
          return (
            <option key={v.id} value={ref}>
              {ref}
            </option>
          );
        })}
      </select>
      {pinNote !== undefined && (
        <p className="field-help" data-testid="model-from-prompt">
          <span className="badge badge-info">from prompt</span> {pinNote}
        </p>
      )}
      {empty && (
        <p className="field-help">
          Nothing to run yet. <Link to="/models">Import a GGUF model</Link> first.
        </p>
      )}
    </div>
  );
}
