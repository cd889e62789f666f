import type { Source, Trace } from '../../../shared/domain';

/** What the trace explorer, `triad traces list` and exports filter on. */
export interface TraceFilter {
  /** NAME or NAME@VERSION */
  model?: string | undefined;
  /** Prompt NAME or NAME@VERSION (traces linked to a prompt version). */
  prompt?: string | undefined;
  user?: string | undefined;
  source?: Source | undefined;
  status?: Trace['status'] | undefined;
  flag?: string | undefined;
  /** ISO-8601 bounds on the start time, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  /** Words that must all occur in the input or output (full-text, prefix match). */
  search?: string | undefined;
}

export interface SqlWhere {
  sql: string;
  args: (string | number)[];
}

/**
 * Turns free text into an FTS5 query that cannot be a syntax error: every word
 * becomes a quoted prefix term, and all must match.
 */
export function ftsQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}_]+/gu);
  if (!words || words.length === 0) return null;
  return words.map((w) => `"${w}"*`).join(' ');
}

function nameAndVersion(ref: string): { name: string; version: number | null } {
  const at = ref.lastIndexOf('@');
  const version = at > 0 ? ref.slice(at + 1) : '';
  return /^\d+$/.test(version) ? { name: ref.slice(0, at), version: Number(version) } : { name: ref, version: null };
}

/** The WHERE clause for a filter; `hasPromptColumns` is false on a schema without prompt links. */
export function traceWhere(f: TraceFilter, hasPromptColumns: boolean): SqlWhere {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (f.model) {
    const { name, version } = nameAndVersion(f.model);
    where.push('model_name = ?');
    args.push(name);
    if (version !== null) {
      where.push('model_version = ?');
      args.push(version);
    }
  }
  if (f.prompt) {
    if (!hasPromptColumns) {
      where.push('0');
    } else {
      const { name, version } = nameAndVersion(f.prompt);
      where.push('prompt_name = ?');
      args.push(name);
      if (version !== null) {
        where.push('prompt_version = ?');
        args.push(version);
      }
    }
  }
  if (f.user) {
    where.push('username = ? COLLATE NOCASE');
    args.push(f.user);
  }
  if (f.source) {
    where.push('source = ?');
    args.push(f.source);
  }
  if (f.status) {
    where.push('status = ?');
    args.push(f.status);
  }
  if (f.flag) {
    where.push('EXISTS (SELECT 1 FROM json_each(traces.flags_json) WHERE value = ?)');
    args.push(f.flag);
  }
  if (f.from) {
    where.push('started_at >= ?');
    args.push(Date.parse(f.from));
  }
  if (f.to) {
    where.push('started_at <= ?');
    args.push(Date.parse(f.to));
  }
  if (f.search !== undefined) {
    const q = ftsQuery(f.search);
    if (q !== null) {
      where.push('id IN (SELECT trace_id FROM trace_search WHERE trace_search MATCH ?)');
      args.push(q);
    }
  }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', args };
}
