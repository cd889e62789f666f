import { useState } from 'react';
import type { DiffLine, PromptDetail } from '../../../shared/methods/prompts';
import { ErrorNotice } from '../components/ErrorNotice';
import { useQuery } from '../hooks/useQuery';

interface Props {
  detail: PromptDetail;
  from: number;
  to: number;
  onChange: (from: number, to: number) => void;
}

function LineText({ line, words }: { line: DiffLine; words: boolean }) {
  if (!words || line.words === null) return <>{line.text}</>;
  return (
    <>
      {line.words.map((w, i) =>
        w.kind === 'same' ? <span key={i}>{w.text}</span> : <mark key={i} className={`diff-word diff-word-${w.kind}`}>{w.text}</mark>,
      )}
    </>
  );
}

/** Two versions side by side in one column: removed lines, added lines, and within them the words that changed. */
export function DiffView({ detail, from, to, onChange }: Props) {
  const [words, setWords] = useState(true);
  const diff = useQuery('prompts.diff', { from: `${detail.name}@${from}`, to: `${detail.name}@${to}` });
  const options = detail.versions.map((v) => v.version);
  const d = diff.data;
  return (
    <div className="stack">
      <div className="diff-controls">
        <label className="inline-field">
          From
          <select className="input input-small" aria-label="From version" value={from} onChange={(e) => onChange(Number(e.target.value), to)}>
            {options.map((n) => <option key={n} value={n}>{`${detail.name}@${n}`}</option>)}
          </select>
        </label>
        <label className="inline-field">
          To
          <select className="input input-small" aria-label="To version" value={to} onChange={(e) => onChange(from, Number(e.target.value))}>
            {options.map((n) => <option key={n} value={n}>{`${detail.name}@${n}`}</option>)}
          </select>
        </label>
        <label className="inline-field">
          <input type="checkbox" checked={words} onChange={(e) => setWords(e.target.checked)} /> Word level
        </label>
        {d !== undefined && <span className="muted small">{d.identical ? 'Same content.' : `${d.removed} removed · ${d.added} added`}</span>}
      </div>
      {diff.error !== undefined && <ErrorNotice error={diff.error} title="Could not compare" />}
      {d !== undefined && (
        <div className="diff-table" role="table" aria-label="Differences">
          {d.lines.map((line, i) => (
            <div key={i} role="row" className={`diff-line diff-${line.kind}`} data-testid={`diff-${line.kind}`}>
              <span className="diff-no" role="cell">{line.oldNo ?? ''}</span>
              <span className="diff-no" role="cell">{line.newNo ?? ''}</span>
              <span className="diff-sign" role="cell" aria-label={line.kind === 'add' ? 'added' : line.kind === 'del' ? 'removed' : 'unchanged'}>
                {line.kind === 'add' ? '+' : line.kind === 'del' ? '−' : ' '}
              </span>
              <span className="diff-text" role="cell"><LineText line={line} words={words} /></span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
