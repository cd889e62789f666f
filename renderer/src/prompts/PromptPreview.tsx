import type { PreviewResult } from '../../../shared/methods/prompts';
import type { TriadError } from '../../../shared/errors';
import { ErrorNotice } from '../components/ErrorNotice';
import { HashText } from '../components/HashText';

/** The rendered messages, as the model would receive them. */
export function PromptPreview({ result, error }: { result: PreviewResult | undefined; error: TriadError | undefined }) {
  return (
    <section className="prompt-preview" aria-label="Preview">
      <div className="panel-head">
        <h2 className="section-title">Preview</h2>
        {result !== undefined && <HashText hash={result.hash} what="content hash" />}
      </div>
      {error !== undefined && <ErrorNotice error={error} title="The template does not parse" />}
      {result === undefined && error === undefined && <p className="muted small">Rendering…</p>}
      {result !== undefined && result.missing.length > 0 && (
        <p className="notice notice-warn small" role="status">
          Missing: {result.missing.join(', ')}. A run or render needs a value for each.
        </p>
      )}
      {result?.warnings.map((w) => (
        <p key={w} className="muted small">
          {w}
        </p>
      ))}
      {result?.messages.map((m, i) => (
        <div key={i} className="prompt-message">
          <div className="prompt-role">{m.role}</div>
          <pre className="trace-pre" data-testid="preview-message">
            {m.content}
          </pre>
        </div>
      ))}
    </section>
  );
}
