import { useEffect, useState } from 'react';
import { formatMs } from '../format/format';
import type { RunState } from '../stores/playgroundStore';

/** One line on what the run is doing now, with a live clock while it streams. */
export function RunStatusLine({ run }: { run: RunState }) {
  const [now, setNow] = useState(() => Date.now());
  const running = run.phase === 'running';

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, [running]);

  if (running) {
    const elapsed = run.startedAt === null ? 0 : Math.max(0, now - run.startedAt);
    const what = run.stopping ? 'Stopping' : run.streamedTokens === 0 ? 'Waiting for the first token' : 'Streaming';
    // Tokens after the first over the time since it arrived, as the trace computes generation speed.
    const since = run.firstTokenAt === null ? 0 : now - run.firstTokenAt;
    const rate = run.streamedTokens > 1 && since > 0 ? ((run.streamedTokens - 1) * 1000) / since : null;
    return (
      <span className="run-status run-status-live" role="status">
        <span className="pulse" aria-hidden="true" />
        {what} · {run.streamedTokens} tokens · {formatMs(elapsed)}
        {rate !== null && <span data-testid="live-rate"> · {rate.toFixed(1)} tok/s</span>}
      </span>
    );
  }
  if (run.phase === 'failed') return <span className="run-status text-danger">Failed</span>;
  if (run.phase === 'done' && run.result?.finishReason === 'abort') return <span className="run-status text-warn">Stopped — partial output kept</span>;
  if (run.phase === 'done') return <span className="run-status text-ok">Done</span>;
  return null;
}
