import { Link } from 'react-router';
import type { RunResult } from '../../../shared/domain';
import { Metric } from '../components/Metric';
import { StatusBadge } from '../components/StatusBadge';
import { formatCount, formatMs, formatRate, modelRef, shortHash } from '../format/format';

/** The numbers of a finished run, with the way to its full trace. */
export function RunResultBar({ result }: { result: RunResult }) {
  return (
    <dl className="metric-strip" data-testid="run-result">
      <Metric label="Trace">
        <Link to={`/traces/${encodeURIComponent(result.traceId)}`} className="mono" title="Open the trace of this run">
          {result.traceId}
        </Link>
      </Metric>
      <Metric label="Finish">
        <StatusBadge status={result.finishReason} />
      </Metric>
      <Metric label="Input tokens">{formatCount(result.usage.inputTokens)}</Metric>
      <Metric label="Output tokens">{formatCount(result.usage.outputTokens)}</Metric>
      <Metric label="First token">{formatMs(result.timing.ttftMs)}</Metric>
      <Metric label="Total">{formatMs(result.timing.totalMs)}</Metric>
      <Metric label="Speed">{formatRate(result.timing.tokensPerSecond)}</Metric>
      <Metric label="Model">
        <span title={result.model.sha256}>
          {modelRef(result.model)} <code className="mono muted">{shortHash(result.model.sha256, 8)}</code>
        </span>
      </Metric>
    </dl>
  );
}
