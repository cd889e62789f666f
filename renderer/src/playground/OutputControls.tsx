interface Props {
  stopStrings: string;
  jsonSchema: string;
  onStopStrings: (value: string) => void;
  onJsonSchema: (value: string) => void;
  disabled: boolean;
}

/** Where the output ends (stop strings) and what shape it must take (a JSON schema). */
export function OutputControls({ stopStrings, jsonSchema, onStopStrings, onJsonSchema, disabled }: Props) {
  return (
    <fieldset className="params" disabled={disabled}>
      <legend className="section-title">Output</legend>
      <div className="field">
        <label htmlFor="param-stop" className="field-label">
          Stop strings <span className="muted">(one per line)</span>
        </label>
        <textarea
          id="param-stop"
          className="input textarea mono"
          rows={2}
          value={stopStrings}
          onChange={(event) => onStopStrings(event.target.value)}
          placeholder="Generation ends before any of these"
        />
      </div>
      <div className="field">
        <label htmlFor="param-json-schema" className="field-label">
          JSON schema <span className="muted">(optional)</span>
        </label>
        <textarea
          id="param-json-schema"
          className="input textarea mono"
          rows={3}
          value={jsonSchema}
          onChange={(event) => onJsonSchema(event.target.value)}
          placeholder='{"type": "object", "properties": {"ok": {"type": "boolean"}}}'
          spellCheck={false}
        />
      </div>
    </fieldset>
  );
}
