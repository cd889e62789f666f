import type { ChatMessage, RecordedParams, TraceLora, Source, Span, Trace, TracePrompt, TraceSummary } from '../../../shared/domain';
import { iso } from '../clock';

export interface TraceRow {
  id: string;
  started_at: number;
  ended_at: number | null;
  username: string;
  source: Source;
  model_name: string;
  model_version: number;
  model_sha256: string;
  input: string;
  output: string;
  params_json: string;
  input_tokens: number | null;
  output_tokens: number | null;
  ttft_ms: number | null;
  total_ms: number | null;
  tokens_per_second: number | null;
  prompt_tokens_per_second: number | null;
  status: Trace['status'];
  finish_reason: Trace['finishReason'];
  error_json: string | null;
  input_messages_json: string | null;
  loras_json: string;
  backend: string | null;
  gpu_layers: number | null;
  threads: number | null;
  context_size: number | null;
  node_llama_cpp_version: string | null;
  llama_cpp_version: string | null;
  chat_wrapper: string | null;
  peak_rss_bytes: number | null;
  peak_vram_bytes: number | null;
  mean_cpu_percent: number | null;
  sample_count: number;
  flags_json: string;
  replay_of: string | null;
  prompt_version_id?: string | null;
  prompt_name?: string | null;
  prompt_version?: number | null;
  prompt_hash?: string | null;
  rendered_messages_json?: string | null;
  /** From PURGED_AT_COLUMN: when retention purged the content. */
  purged_at?: number | null;
}

/** A select-list column: when retention purged this trace's content (the ledger's salts record it), or NULL. */
export const PURGED_AT_COLUMN =
  "(SELECT max(s.purged_at) FROM ledger_entries e JOIN ledger_salts s ON s.entry_idx = e.idx WHERE e.kind = 'trace' AND e.ref = traces.id) AS purged_at";

function purgedAt(row: TraceRow): string | null {
  return row.purged_at == null ? null : iso(row.purged_at);
}

/** The prompt version a run was rendered from (migration 0004), or null. */
function promptOf(row: TraceRow): TracePrompt | null {
  if (!row.prompt_version_id || !row.prompt_name || row.prompt_version == null || !row.prompt_hash) return null;
  return {
    versionId: row.prompt_version_id,
    name: row.prompt_name,
    version: row.prompt_version,
    hash: row.prompt_hash,
    messages: row.rendered_messages_json ? (JSON.parse(row.rendered_messages_json) as TracePrompt['messages']) : [],
  };
}

export interface SpanRow {
  id: string;
  name: string;
  started_at: number;
  duration_ms: number;
  status: Span['status'];
  attributes_json: string;
}

const PREVIEW = 120;

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW ? `${flat.slice(0, PREVIEW - 1)}…` : flat;
}

/** Parameters recorded before min-p, repeat penalty and stop strings existed read with today's defaults. */
function readParams(json: string): RecordedParams {
  const raw = JSON.parse(json) as Partial<RecordedParams> & Pick<RecordedParams, 'seed'>;
  return { minP: 0, repeatPenalty: 1, stop: [], ...raw } as RecordedParams;
}

export function toSpan(row: SpanRow): Span {
  return {
    id: row.id,
    name: row.name,
    startedAt: iso(row.started_at),
    durationMs: row.duration_ms,
    status: row.status,
    attributes: JSON.parse(row.attributes_json) as Span['attributes'],
  };
}

export function toTrace(row: TraceRow, spans: SpanRow[]): Trace {
  const ended = row.status !== 'running';
  return {
    id: row.id,
    startedAt: iso(row.started_at),
    endedAt: row.ended_at === null ? null : iso(row.ended_at),
    user: row.username,
    source: row.source,
    model: { name: row.model_name, version: row.model_version, sha256: row.model_sha256 },
    input: row.input,
    output: row.output,
    params: readParams(row.params_json),
    status: row.status,
    finishReason: row.finish_reason,
    usage: ended && row.input_tokens !== null ? { inputTokens: row.input_tokens, outputTokens: row.output_tokens ?? 0 } : null,
    timing:
      ended && row.total_ms !== null
        ? { ttftMs: row.ttft_ms, totalMs: row.total_ms, tokensPerSecond: row.tokens_per_second, promptTokensPerSecond: row.prompt_tokens_per_second }
        : null,
    error: row.error_json ? (JSON.parse(row.error_json) as { code: string; message: string }) : null,
    inputMessages: row.input_messages_json ? (JSON.parse(row.input_messages_json) as ChatMessage[]) : null,
    loras: JSON.parse(row.loras_json) as TraceLora[],
    runtime:
      row.backend === null
        ? null
        : {
            backend: row.backend as NonNullable<Trace['runtime']>['backend'],
            gpuLayers: row.gpu_layers,
            threads: row.threads,
            contextSize: row.context_size,
            nodeLlamaCppVersion: row.node_llama_cpp_version,
            llamaCppVersion: row.llama_cpp_version,
            chatWrapper: row.chat_wrapper,
          },
    resources:
      row.sample_count > 0
        ? { peakRssBytes: row.peak_rss_bytes, peakVramBytes: row.peak_vram_bytes, meanCpuPercent: row.mean_cpu_percent, samples: row.sample_count }
        : null,
    spans: spans.map(toSpan),
    flags: JSON.parse(row.flags_json) as string[],
    replayOf: row.replay_of,
    prompt: promptOf(row),
    purgedAt: purgedAt(row),
  };
}

export function toSummary(row: TraceRow): TraceSummary {
  return {
    id: row.id,
    startedAt: iso(row.started_at),
    user: row.username,
    source: row.source,
    model: { name: row.model_name, version: row.model_version, sha256: row.model_sha256 },
    inputPreview: preview(row.input),
    outputPreview: preview(row.output),
    status: row.status,
    outputTokens: row.output_tokens,
    totalMs: row.total_ms,
    flags: JSON.parse(row.flags_json) as string[],
    purgedAt: purgedAt(row),
  };
}
