import { CopyButton } from '../components/CopyButton';

/** A block of recorded text (prompt, system message, output) shown exactly as stored. */
export function TraceText({ title, text, testId }: { title: string; text: string; testId?: string }) {
  return (
    <section className="trace-text">
      <div className="panel-head">
        <h2 className="section-title">{title}</h2>
        <span className="muted small">{text.length.toLocaleString('en-US')} chars</span>
        <div className="panel-actions">
          <CopyButton value={text} what={title.toLowerCase()} />
        </div>
      </div>
      <pre className="trace-pre" data-testid={testId}>
        {text === '' ? <span className="muted">(empty)</span> : text}
      </pre>
    </section>
  );
}
