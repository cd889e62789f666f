import { useEffect, useRef } from 'react';
import { CopyButton } from '../components/CopyButton';
import type { RunState } from '../stores/playgroundStore';
import { RunStatusLine } from './RunStatusLine';
import { RUN_SHORTCUT } from './shortcut';

/** Pixels from the bottom within which the view keeps following new tokens. */
const FOLLOW_SLACK = 40;

/** The model's answer, growing token by token while the run streams. */
export function RunOutput({ run }: { run: RunState }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const followRef = useRef(true);
  const running = run.phase === 'running';

  useEffect(() => {
    const el = scrollRef.current;
    if (el !== null && followRef.current) el.scrollTop = el.scrollHeight;
  }, [run.output]);

  return (
    <section className="output-panel" aria-labelledby="output-title">
      <div className="panel-head">
        <h2 id="output-title" className="section-title">
          Output
        </h2>
        <RunStatusLine run={run} />
        <div className="panel-actions">{run.output !== '' && !running && <CopyButton value={run.output} what="output" />}</div>
      </div>
      <div
        className="output-scroll"
        ref={scrollRef}
        onScroll={(event) => {
          const el = event.currentTarget;
          followRef.current = el.scrollHeight - el.scrollTop - el.clientHeight < FOLLOW_SLACK;
        }}
      >
        {run.phase === 'idle' && (
          <p className="output-placeholder">The answer appears here token by token. Press {RUN_SHORTCUT} to run.</p>
        )}
        <pre className="output-text" data-testid="run-output" aria-live="polite" aria-busy={running}>
          {run.output}
          {running && <span className="caret" aria-hidden="true" />}
        </pre>
      </div>
    </section>
  );
}
