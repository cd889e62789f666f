import { useId } from 'react';
import type { InputHTMLAttributes } from 'react';

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id'> {
  label: string;
  value: string;
  onChange: (value: string) => void;
  help?: string;
}

/** A labelled text input; the label is a real <label>, so `getByLabel` and screen readers find it. */
export function TextField({ label, value, onChange, help, ...rest }: Props) {
  const id = useId();
  const helpId = help === undefined ? undefined : `${id}-help`;
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <input
        id={id}
        className="input"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={helpId}
        {...rest}
      />
      {help !== undefined && (
        <p id={helpId} className="field-help">
          {help}
        </p>
      )}
    </div>
  );
}
