import type { ChatMessage, RecordedParams, Source, TraceLora, Span, Trace, TracePrompt, TraceSummary } from '../../../shared/domain';
import { TriadError } from '../../../shared/errors';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { StoredModelVersion } from '../models/registry';
import type { SampleAggregates } from '../observe/sampleStore';
import type { GenerateResult } from '../runtime/generation';
import { currentOwner, ownerAlive } from './processOwner';
import { traceWhere, type TraceFilter } from './traceQuery';
import { PURGED_AT_COLUMN, toSummary, toTrace, type SpanRow, type TraceRow } from './traceRows';

export interface TraceStart {
  id: string;
  userId: string | null;
  username: string;
  source: Source;
  model: StoredModelVersion;
  input: string;
  params: RecordedParams;
  inputMessages?: ChatMessage[] | null;
  replayOf?: string | null;
  /** LoRA adapters applied, as resolved and checked before the run. */
  loras?: TraceLora[];
}

/** Everything known when a run ends, beyond what the engine returned. */
export interface TraceExtras {
  spans: Span[];
  resources: SampleAggregates | null;
  flags: string[];
}

const NO_EXTRAS: TraceExtras = { spans: [], resources: null, flags: [] };

/**
 * Traces are written when a run starts (status `running`), receive the output
 * as it streams, and are finalised when it ends, so a crash never loses the
 * fact that a run happened nor what it had produced.
 */
export class TraceStore {
  private readonly hasPromptColumns: boolean;
  private readonly flushStmt;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /** Called inside the transaction that ends a trace: the ledger appends the finished trace (ledger issue). */
    private readonly onEnded: (traceId: string) => void = () => undefined,
  ) {
    const columns = db.prepare('SELECT name FROM pragma_table_info(?)').all('traces') as { name: string }[];
    this.hasPromptColumns = columns.some((c) => c.name === 'prompt_name');
    this.flushStmt = db.prepare(`UPDATE traces SET output = ? WHERE id = ? AND status = 'running'`);
  }

  start(t: TraceStart): void {
    const owner = currentOwner();
    this.db
      .prepare(
        `INSERT INTO traces (id, started_at, user_id, username, source, model_version_id, model_name, model_version,
           model_sha256, input, params_json, status, input_messages_json, replay_of, owner_pid, owner_marker, loras_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?)`,
      )
      .run(
        t.id,
        this.clock.now(),
        t.userId,
        t.username,
        t.source,
        t.model.id,
        t.model.name,
        t.model.version,
        t.model.sha256,
        t.input,
        JSON.stringify(t.params),
        t.inputMessages ? JSON.stringify(t.inputMessages) : null,
        t.replayOf ?? null,
        owner.pid,
        owner.marker,
        JSON.stringify(t.loras ?? []),
      );
  }

  /** Links a just-started trace to the prompt version it was rendered from. */
  linkPrompt(id: string, prompt: TracePrompt): void {
    this.db
      .prepare(
        `UPDATE traces SET prompt_version_id = ?, prompt_name = ?, prompt_version = ?, prompt_hash = ?, rendered_messages_json = ?
         WHERE id = ?`,
      )
      .run(prompt.versionId, prompt.name, prompt.version, prompt.hash, JSON.stringify(prompt.messages), id);
  }

  /** Saves the output streamed so far; one cheap UPDATE, called every ~250 ms while a run generates. */
  flushOutput(id: string, partialOutput: string): void {
    this.flushStmt.run(partialOutput, id);
  }

  private writeExtras(id: string, x: TraceExtras): void {
    const insertSpan = this.db.prepare(
      `INSERT INTO trace_spans (id, trace_id, name, started_at, duration_ms, status, attributes_json) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const s of x.spans) insertSpan.run(s.id, id, s.name, Date.parse(s.startedAt), s.durationMs, s.status, JSON.stringify(s.attributes));
    const r = x.resources;
    this.db
      .prepare(`UPDATE traces SET peak_rss_bytes = ?, peak_vram_bytes = ?, mean_cpu_percent = ?, sample_count = ?, flags_json = ? WHERE id = ?`)
      .run(r?.peakRssBytes ?? null, r?.peakVramBytes ?? null, r?.meanCpuPercent ?? null, r?.samples ?? 0, JSON.stringify(x.flags), id);
  }

  finish(id: string, r: GenerateResult, extras: TraceExtras = NO_EXTRAS): void {
    this.db.transaction(() => {
      this.writeExtras(id, extras);
      this.db
        .prepare(
          `UPDATE traces SET ended_at = ?, output = ?, input_tokens = ?, output_tokens = ?, ttft_ms = ?, total_ms = ?,
             tokens_per_second = ?, prompt_tokens_per_second = ?, status = ?, finish_reason = ?,
             backend = ?, gpu_layers = ?, threads = ?, context_size = ?, node_llama_cpp_version = ?, llama_cpp_version = ?,
             chat_wrapper = ?
           WHERE id = ?`,
        )
        .run(
          this.clock.now(),
          r.output,
          r.inputTokens,
          r.outputTokens,
          r.ttftMs,
          r.totalMs,
          r.tokensPerSecond,
          r.promptTokensPerSecond,
          r.finishReason === 'abort' ? 'aborted' : 'ok',
          r.finishReason,
          r.runtime.backend,
          r.runtime.gpuLayers,
          r.runtime.threads,
          r.runtime.contextSize,
          r.runtime.nodeLlamaCppVersion,
          r.runtime.llamaCppVersion,
          r.runtime.chatWrapper,
          id,
        );
      this.onEnded(id);
    })();
  }

  fail(id: string, partialOutput: string, error: { code: string; message: string }, extras: TraceExtras = NO_EXTRAS): void {
    this.db.transaction(() => {
      this.writeExtras(id, extras);
      this.db
        .prepare(`UPDATE traces SET ended_at = ?, output = ?, status = 'error', finish_reason = 'error', error_json = ? WHERE id = ?`)
        .run(this.clock.now(), partialOutput, JSON.stringify(error), id);
      this.onEnded(id);
    })();
  }

  /**
   * Marks `running` traces whose writing process is gone as `interrupted`,
   * keeping the output they had streamed. Traces another live process (the
   * app, a CLI call) is still writing are left alone. Returns the ids marked.
   */
  recoverOrphans(): string[] {
    const running = this.db.prepare(`SELECT id, owner_pid, owner_marker FROM traces WHERE status = 'running'`).all() as {
      id: string;
      owner_pid: number | null;
      owner_marker: string | null;
    }[];
    const orphans = running.filter((t) => !ownerAlive(t.owner_pid, t.owner_marker));
    if (orphans.length === 0) return [];
    const mark = this.db.prepare(
      `UPDATE traces SET status = 'interrupted', finish_reason = 'error', error_json = ?,
         -- the last sign of life: its last resource sample, else its start
         ended_at = COALESCE((SELECT max(at) FROM resource_samples WHERE trace_id = traces.id), started_at)
       WHERE id = ? AND status = 'running'`,
    );
    this.db.transaction(() => {
      for (const t of orphans) {
        const error = {
          code: 'INTERRUPTED',
          message: `The process that ran this (pid ${t.owner_pid ?? '?'}) ended before the run finished; the output streamed until then is kept.`,
        };
        if (mark.run(JSON.stringify(error), t.id).changes === 1) this.onEnded(t.id);
      }
    })();
    return orphans.map((t) => t.id);
  }

  get(id: string): Trace {
    const row = this.db.prepare(`SELECT *, ${PURGED_AT_COLUMN} FROM traces WHERE id = ?`).get(id) as TraceRow | undefined;
    if (!row) throw new TriadError('TRACE_NOT_FOUND', `No trace with id "${id}".`, 'List traces with `triad traces list`.');
    const spans = this.db.prepare('SELECT * FROM trace_spans WHERE trace_id = ? ORDER BY started_at, rowid').all(id) as SpanRow[];
    return toTrace(row, spans);
  }

  private rows(filter: TraceFilter, limit: number, offset: number): TraceRow[] {
    const where = traceWhere(filter, this.hasPromptColumns);
    const sql = `SELECT *, ${PURGED_AT_COLUMN} FROM traces ${where.sql} ORDER BY started_at DESC, rowid DESC LIMIT ? OFFSET ?`;
    return this.db.prepare(sql).all(...where.args, limit, offset) as TraceRow[];
  }

  list(opts: TraceFilter & { limit: number; offset: number }): TraceSummary[] {
    return this.rows(opts, opts.limit, opts.offset).map(toSummary);
  }

  /** Full traces for export, newest first. */
  listFull(filter: TraceFilter, limit: number): Trace[] {
    return this.rows(filter, limit, 0).map((row) => this.get(row.id));
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM traces').get() as { n: number }).n;
  }
}
