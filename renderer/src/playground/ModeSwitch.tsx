import type { RunMode } from './runInput';

const MODES: { value: RunMode; label: string; help: string }[] = [
  { value: 'chat', label: 'Chat', help: 'The model’s chat template wraps a system message and your prompt.' },
  { value: 'completion', label: 'Completion', help: 'The prompt is sent as raw text for the model to continue.' },
];

/** Chat or completion, as a segmented radio group. */
interface Props {
  value: RunMode;
  onChange: (mode: RunMode) => void;
  disabled: boolean;
  /** Set when a saved prompt supplies the mode. */
  pinNote?: string | undefined;
}

export function ModeSwitch({ value, onChange, disabled, pinNote }: Props) {
  const current = MODES.find((m) => m.value === value);
  return (
    <fieldset className="field segmented-field" disabled={disabled}>
      <legend className="field-label">Mode</legend>
      <div className="segmented">
        {MODES.map((mode) => (
          <label key={mode.value} className={`segment${mode.value === value ? ' selected' : ''}`}>
            <input
              type="radio"
              name="playground-mode"
              value={mode.value}
              checked={mode.value === value}
              onChange={() => onChange(mode.value)}
            />
            {mode.label}
          </label>
        ))}
      </div>
      {current !== undefined && <p className="field-help">{current.help}</p>}
      {pinNote !== undefined && (
        <p className="field-help" data-testid="mode-from-prompt">
          <span className="badge badge-info">from prompt</span> {pinNote}
        </p>
      )}
    </fieldset>
  );
}
