import type { Commitment } from './commitment';

/**
 * What the ledger commits to for each kind of source row. The same builders run
 * when an entry is appended and when `verify` compares the ledger with the
 * rows as they are now, so any edit to a committed field shows up as a
 * difference.
 */

export interface AuditSourceRow {
  seq: number;
  id: string;
  at: number;
  actor_id: string | null;
  actor_name: string;
  actor_role: string | null;
  source: string;
  action: string;
  target: string | null;
  before_json: string | null;
  after_json: string | null;
}

function parsed(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}

export function auditRecord(row: AuditSourceRow): Record<string, unknown> {
  return {
    seq: row.seq,
    id: row.id,
    at: row.at,
    actor: { id: row.actor_id, username: row.actor_name, role: row.actor_role },
    source: row.source,
    action: row.action,
    target: row.target,
    before: parsed(row.before_json),
    after: parsed(row.after_json),
  };
}

/**
 * A trace row: the listed plain columns are committed as they are (a fixed
 * list, so a column added later does not make old entries look edited);
 * content columns by salted hash. owner_pid/owner_marker are bookkeeping.
 */
export type TraceSourceRow = Record<string, unknown> & { id: string; status: string };

/**
 * Columns retention may purge: the text of a run. The *_messages_json columns
 * (prompt and tracing issues) repeat the input as chat messages.
 */
export const PURGEABLE_TRACE_FIELDS = ['input', 'output', 'input_messages_json', 'rendered_messages_json'] as const;
/** Purged text columns that cannot be NULL become ''; the others become NULL. */
export const NOT_NULL_TRACE_FIELDS: readonly PurgeableField[] = ['input', 'output'];
export type PurgeableField = (typeof PURGEABLE_TRACE_FIELDS)[number];

const PLAIN_TRACE_FIELDS = [
  'id',
  'started_at',
  'ended_at',
  'user_id',
  'username',
  'source',
  'model_version_id',
  'model_name',
  'model_version',
  'model_sha256',
  'params_json',
  'input_tokens',
  'output_tokens',
  'ttft_ms',
  'total_ms',
  'tokens_per_second',
  'status',
  'finish_reason',
  'error_json',
  'prompt_version_id',
  'prompt_name',
  'prompt_version',
  'prompt_hash',
  // Tracing issue (0005): runtime facts and resource aggregates, written by finish().
  'replay_of',
  'loras_json',
  'backend',
  'gpu_layers',
  'threads',
  'context_size',
  'node_llama_cpp_version',
  'llama_cpp_version',
  'chat_wrapper',
  'prompt_tokens_per_second',
  'peak_rss_bytes',
  'peak_vram_bytes',
  'mean_cpu_percent',
  'sample_count',
  'flags_json',
] as const;

/** The purgeable fields this row actually carries (NULL columns commit nothing). */
export function purgeableFieldsOf(row: TraceSourceRow): PurgeableField[] {
  return PURGEABLE_TRACE_FIELDS.filter((f) => typeof row[f] === 'string');
}

export function traceRecord(row: TraceSourceRow, commitments: Partial<Record<PurgeableField, Commitment>>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const field of PLAIN_TRACE_FIELDS) {
    if (field in row) record[field] = row[field] ?? null;
  }
  record.content = commitments;
  return record;
}
