import { Link, useLocation, useParams } from 'react-router';
import type { Trace } from '../../../shared/domain';
import { ErrorNotice } from '../components/ErrorNotice';
import { HashText } from '../components/HashText';
import { Metric } from '../components/Metric';
import { PageHeader } from '../components/PageHeader';
import { StatusBadge } from '../components/StatusBadge';
import { DASH, formatCount, formatDateTime, formatMs, formatRate, modelRef } from '../format/format';
import { useQuery } from '../hooks/useQuery';
import { DetailList } from '../traces/DetailList';
import { TraceText } from '../traces/TraceText';

function backTarget(state: unknown): string {
  const from = (state as { fromSearch?: unknown } | null)?.fromSearch;
  return typeof from === 'string' && from !== '' ? `/traces?${from}` : '/traces';
}

/** One recorded run in full: what went in, what came out, and everything needed to reproduce it. */
export function TraceDetailPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const back = backTarget(location.state);
  const { data, error, reload } = useQuery('traces.get', { id });

  return (
    <div className="page" data-testid="trace-detail">
      <div className="breadcrumb">
        <Link to={back}>← Traces</Link>
      </div>
      <PageHeader
        title={
          <>
            Trace <code className="mono title-mono">{id}</code>
          </>
        }
        meta={data !== undefined && <StatusBadge status={data.status} />}
      />
      {error !== undefined && <ErrorNotice error={error} title="Could not load this trace" onRetry={reload} />}
      {data === undefined && error === undefined && <p className="muted">Loading trace…</p>}
      {data !== undefined && <TraceBody trace={data} />}
    </div>
  );
}

function TraceBody({ trace }: { trace: Trace }) {
  const { params } = trace;
  return (
    <>
      {trace.error !== null && (
        <div className="notice notice-error" role="status">
          <div className="notice-head">
            <span className="notice-label">Run error</span>
            <code className="notice-code">{trace.error.code}</code>
          </div>
          <p className="notice-message">{trace.error.message}</p>
        </div>
      )}
      <dl className="metric-strip" aria-label="Model and origin">
        <Metric label="Model">{modelRef(trace.model)}</Metric>
        <Metric label="sha256">
          <HashText hash={trace.model.sha256} full />
        </Metric>
        <Metric label="User">{trace.user}</Metric>
        <Metric label="Source">{trace.source}</Metric>
        <Metric label="Started">{formatDateTime(trace.startedAt)}</Metric>
      </dl>
      <div className="trace-io">
        <div className="trace-io-col">
          {params.system !== undefined && params.system !== '' && <TraceText title="System message" text={params.system} />}
          <TraceText title="Input" text={trace.input} testId="trace-input" />
        </div>
        <div className="trace-io-col">
          <TraceText title="Output" text={trace.output} testId="trace-output" />
        </div>
      </div>
      <div className="detail-grid">
        <DetailList
          title="Parameters"
          items={[
            ['Mode', params.mode],
            ['Temperature', params.temperature],
            ['Top-k', params.topK],
            ['Top-p', params.topP],
            ['Seed', <span className="mono">{params.seed}</span>],
            ['Max tokens', formatCount(params.maxTokens)],
          ]}
        />
        <DetailList
          title="Usage and timing"
          items={[
            ['Input tokens', formatCount(trace.usage?.inputTokens)],
            ['Output tokens', formatCount(trace.usage?.outputTokens)],
            ['First token', formatMs(trace.timing?.ttftMs)],
            ['Total', formatMs(trace.timing?.totalMs)],
            ['Speed', formatRate(trace.timing?.tokensPerSecond)],
          ]}
        />
        <DetailList
          title="Outcome"
          items={[
            ['Status', <StatusBadge status={trace.status} />],
            ['Finish reason', trace.finishReason === null ? DASH : <StatusBadge status={trace.finishReason} />],
            ['Started', formatDateTime(trace.startedAt)],
            ['Ended', formatDateTime(trace.endedAt)],
            ['Error', trace.error === null ? DASH : <code className="mono">{trace.error.code}</code>],
          ]}
        />
      </div>
    </>
  );
}
