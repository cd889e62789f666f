import { useId } from 'react';

interface Props {
  variables: string[];
  values: Record<string, string>;
  onChange: (values: Record<string, string>) => void;
}

/** One field per template variable; values stay while the template changes around them. */
export function VariablesForm({ variables, values, onChange }: Props) {
  const id = useId();
  if (variables.length === 0) return <p className="muted small">This prompt has no variables. Write {'{{name}}'} in a template to add one.</p>;
  return (
    <fieldset className="prompt-vars">
      <legend className="section-title">Variables</legend>
      {variables.map((name) => (
        <div key={name} className="prompt-var-row">
          <label htmlFor={`${id}-${name}`} className="param-label mono">
            {name}
          </label>
          <input
            id={`${id}-${name}`}
            className="input"
            aria-label={`Variable ${name}`}
            value={values[name] ?? ''}
            onChange={(event) => onChange({ ...values, [name]: event.target.value })}
          />
        </div>
      ))}
    </fieldset>
  );
}
