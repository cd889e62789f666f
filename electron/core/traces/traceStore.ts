import type { RecordedParams, Source, Trace, TraceSummary } from '../../../shared/domain';
import { TriadError } from '../../../shared/errors';
import { iso, type Clock } from '../clock';
import type { Db } from '../db/connection';
import type { GenerateResult } from '../runtime/generation';
import type { StoredModelVersion } from '../models/registry';

interface TraceRow {
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
  status: Trace['status'];
  finish_reason: Trace['finishReason'];
  error_json: string | null;
}

const PREVIEW = 120;

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW ? `${flat.slice(0, PREVIEW - 1)}…` : flat;
}

function toTrace(row: TraceRow): Trace {
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
    params: JSON.parse(row.params_json) as RecordedParams,
    status: row.status,
    finishReason: row.finish_reason,
    usage: ended && row.input_tokens !== null ? { inputTokens: row.input_tokens, outputTokens: row.output_tokens ?? 0 } : null,
    timing: ended && row.total_ms !== null ? { ttftMs: row.ttft_ms, totalMs: row.total_ms, tokensPerSecond: row.tokens_per_second } : null,
    error: row.error_json ? (JSON.parse(row.error_json) as { code: string; message: string }) : null,
  };
}

export interface TraceStart {
  id: string;
  userId: string | null;
  username: string;
  source: Source;
  model: StoredModelVersion;
  input: string;
  params: RecordedParams;
}

/**
 * Traces are written when a run starts (status `running`) and finalised when
 * it ends, so a crash never loses the fact that a run happened.
 */
export class TraceStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  start(t: TraceStart): void {
    this.db
      .prepare(
        `INSERT INTO traces (id, started_at, user_id, username, source, model_version_id, model_name, model_version,
           model_sha256, input, params_json, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running')`,
      )
      .run(t.id, this.clock.now(), t.userId, t.username, t.source, t.model.id, t.model.name, t.model.version, t.model.sha256, t.input, JSON.stringify(t.params));
  }

  finish(id: string, r: GenerateResult): void {
    this.db
      .prepare(
        `UPDATE traces SET ended_at = ?, output = ?, input_tokens = ?, output_tokens = ?, ttft_ms = ?, total_ms = ?,
           tokens_per_second = ?, status = ?, finish_reason = ? WHERE id = ?`,
      )
      .run(
        this.clock.now(),
        r.output,
        r.inputTokens,
        r.outputTokens,
        r.ttftMs,
        r.totalMs,
        r.tokensPerSecond,
        r.finishReason === 'abort' ? 'aborted' : 'ok',
        r.finishReason,
        id,
      );
  }

  fail(id: string, partialOutput: string, error: { code: string; message: string }): void {
    this.db
      .prepare(`UPDATE traces SET ended_at = ?, output = ?, status = 'error', finish_reason = 'error', error_json = ? WHERE id = ?`)
      .run(this.clock.now(), partialOutput, JSON.stringify(error), id);
  }

  get(id: string): Trace {
    const row = this.db.prepare('SELECT * FROM traces WHERE id = ?').get(id) as TraceRow | undefined;
    if (!row) throw new TriadError('TRACE_NOT_FOUND', `No trace with id "${id}".`, 'List traces with `triad traces list`.');
    return toTrace(row);
  }

  list(opts: { limit: number; offset: number; model?: string | undefined }): TraceSummary[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (opts.model) {
      const [name, version] = opts.model.split('@');
      where.push('model_name = ?');
      args.push(name ?? opts.model);
      if (version && /^\d+$/.test(version)) {
        where.push('model_version = ?');
        args.push(Number(version));
      }
    }
    const sql = `SELECT * FROM traces ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                 ORDER BY started_at DESC, rowid DESC LIMIT ? OFFSET ?`;
    const rows = this.db.prepare(sql).all(...args, opts.limit, opts.offset) as TraceRow[];
    return rows.map((row) => ({
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
    }));
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM traces').get() as { n: number }).n;
  }
}
