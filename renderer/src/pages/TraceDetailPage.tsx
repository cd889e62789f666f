import { Link, useLocation, useParams } from 'react-router';
import type { Trace } from '../../../shared/domain';
import { ErrorNotice } from '../components/ErrorNotice';
import { HashText } from '../components/HashText';
import { Metric } from '../components/Metric';
import { PageHeader } from '../components/PageHeader';
import { StatusBadge } from '../components/StatusBadge';
import { DASH, formatBytes, formatCount, formatDateTime, formatMs, formatRate, modelRef } from '../format/format';
import { useQuery } from '../hooks/useQuery';
import { DetailList } from '../traces/DetailList';
import { ReplayPanel } from '../traces/ReplayPanel';
import { ResourceChart } from '../traces/ResourceChart';
import { SpanList } from '../traces/SpanList';
import '../traces/traces.css';
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
  const rt = trace.runtime;
  const res = trace.resources;
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
      {trace.purgedAt && (
        <div className="notice notice-info" data-testid="trace-purged">
          <p>
            <strong>Purged by retention on {formatDateTime(trace.purgedAt)}.</strong> The input and output were removed; the ledger keeps their
            salted commitments, so this record still verifies.
          </p>
        </div>
      )}
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
            ['Min-p', params.minP],
            ['Repeat penalty', params.repeatPenalty],
            ['Seed', <span className="mono">{params.seed}</span>],
            ['Max tokens', formatCount(params.maxTokens)],
            ['Stop strings', params.stop.length === 0 ? DASH : <span className="mono">{params.stop.map((x) => JSON.stringify(x)).join(', ')}</span>],
            ['JSON schema', params.jsonSchema === undefined ? DASH : <code className="mono small">{JSON.stringify(params.jsonSchema)}</code>],
          ]}
        />
        <DetailList
          title="Usage and timing"
          items={[
            ['Input tokens', formatCount(trace.usage?.inputTokens)],
            ['Output tokens', formatCount(trace.usage?.outputTokens)],
            ['First token', formatMs(trace.timing?.ttftMs)],
            ['Total', formatMs(trace.timing?.totalMs)],
            ['Prompt speed', formatRate(trace.timing?.promptTokensPerSecond)],
            ['Generation speed', formatRate(trace.timing?.tokensPerSecond)],
          ]}
        />
        <DetailList
          title="Runtime"
          items={[
            ['Backend', rt?.backend ?? DASH],
            ['Threads', rt?.threads ?? DASH],
            ['GPU layers', rt?.gpuLayers ?? DASH],
            ['Context', formatCount(rt?.contextSize)],
            ['Chat template', rt?.chatWrapper ?? DASH],
            ['node-llama-cpp', rt?.nodeLlamaCppVersion ?? DASH],
            ['llama.cpp', rt?.llamaCppVersion ?? DASH],
            ['LoRA adapters', trace.loras.length === 0 ? 'none' : trace.loras.map((l) => `${l.name}@${l.version} ×${l.scale} (sha256 ${l.sha256.slice(0, 12)})`).join(', ')],
          ]}
        />
        <DetailList
          title="Resources"
          items={[
            ['Peak RSS', res?.peakRssBytes == null ? DASH : formatBytes(res.peakRssBytes)],
            ['Peak VRAM', res?.peakVramBytes == null ? DASH : formatBytes(res.peakVramBytes)],
            ['Mean CPU', res?.meanCpuPercent == null ? DASH : `${res.meanCpuPercent.toFixed(0)} %`],
            ['Samples', res?.samples ?? 0],
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
            ['Flags', trace.flags.length === 0 ? DASH : trace.flags.join(', ')],
            ['Replay of', trace.replayOf === null ? DASH : <Link to={`/traces/${encodeURIComponent(trace.replayOf)}`} className="mono">{trace.replayOf.slice(0, 8)}</Link>],
          ]}
        />
      </div>
      <section className="trace-section" aria-label="Resources over the run">
        <h2 className="section-title">Resources over the run</h2>
        <ResourceChart traceId={trace.id} />
      </section>
      <section className="trace-section" aria-label="Spans">
        <h2 className="section-title">Spans</h2>
        <SpanList spans={trace.spans} />
      </section>
      <div className="trace-section">
        <ReplayPanel key={trace.id} traceId={trace.id} running={trace.status === 'running'} />
      </div>
    </>
  );
}
