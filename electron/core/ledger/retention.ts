import { randomUUID } from 'node:crypto';
import type { Source } from '../../../shared/domain';
import { TriadError } from '../../../shared/errors';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { Actor, AuditLog } from '../governance/audit';
import { NOT_NULL_TRACE_FIELDS, PURGEABLE_TRACE_FIELDS } from './records';

export interface RetentionClass {
  name: string;
  /** The model whose traces this class governs; null for the default class. */
  model: string | null;
  minAgeDays: number;
  /** Content older than this is purged; null keeps it for ever. */
  maxAgeDays: number | null;
  updatedAt: number;
}

export interface LegalHold {
  id: string;
  scope: string;
  reason: string;
  createdAt: number;
  createdBy: string | null;
  releasedAt: number | null;
}

export interface PurgeCandidate {
  traceId: string;
  model: string;
  user: string;
  endedAt: number;
  retentionClass: string;
  holdId: string | null;
}

export interface PurgePlan {
  eligible: PurgeCandidate[];
  /** Past their class's maximum age but kept by a legal hold. */
  held: PurgeCandidate[];
}

const DAY_MS = 86_400_000;
const SCOPE = /^(all|model:.+|user:.+|trace:.+)$/;

interface ClassRow {
  name: string;
  model: string | null;
  min_age_days: number;
  max_age_days: number | null;
  updated_at: number;
}
interface HoldRow {
  id: string;
  scope: string;
  reason: string;
  created_at: number;
  created_by: string | null;
  released_at: number | null;
}
interface CandidateRow {
  id: string;
  model_name: string;
  username: string;
  ended_at: number;
  idx: number;
}

const toClass = (r: ClassRow): RetentionClass => ({ name: r.name, model: r.model, minAgeDays: r.min_age_days, maxAgeDays: r.max_age_days, updatedAt: r.updated_at });
const toHold = (r: HoldRow): LegalHold => ({ id: r.id, scope: r.scope, reason: r.reason, createdAt: r.created_at, createdBy: r.created_by, releasedAt: r.released_at });

/**
 * Retention of trace content. Each model's traces fall in a class (or the
 * default class) with a minimum and maximum age; a purge removes the content
 * of traces past the maximum, unless a legal hold covers them. The ledger
 * keeps the salted commitments, so the log still verifies; the purge itself
 * is an audit event, and so in the ledger.
 */
export class RetentionService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  classes(): RetentionClass[] {
    return (this.db.prepare('SELECT * FROM retention_classes ORDER BY model IS NOT NULL, name').all() as ClassRow[]).map(toClass);
  }

  setClass(input: { name: string; model: string | null; minAgeDays: number; maxAgeDays: number | null }, by: Actor, source: Source): RetentionClass {
    if (input.maxAgeDays !== null && input.maxAgeDays < input.minAgeDays) {
      throw new TriadError('BAD_INPUT', `The maximum age (${input.maxAgeDays} days) is below the minimum (${input.minAgeDays} days).`, 'Content must be kept at least the minimum age.');
    }
    this.db.transaction(() => {
      const before = this.db.prepare('SELECT * FROM retention_classes WHERE name = ?').get(input.name) as ClassRow | undefined;
      if (input.name === 'default' && input.model !== null) throw new TriadError('BAD_INPUT', 'The default class applies to every model; it takes no --model.');
      if (input.name !== 'default' && input.model === null) throw new TriadError('BAD_INPUT', `The class "${input.name}" needs a model.`, 'Give --model NAME, or change the "default" class.');
      const other = input.model === null ? undefined : (this.db.prepare('SELECT name FROM retention_classes WHERE model = ? AND name <> ?').get(input.model, input.name) as { name: string } | undefined);
      if (other) throw new TriadError('ALREADY_EXISTS', `The model "${input.model}" already has the class "${other.name}".`, `Change "${other.name}" instead.`);
      this.db
        .prepare(
          `INSERT INTO retention_classes (name, model, min_age_days, max_age_days, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT(name) DO UPDATE SET model = excluded.model, min_age_days = excluded.min_age_days, max_age_days = excluded.max_age_days,
             updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        )
        .run(input.name, input.model, input.minAgeDays, input.maxAgeDays, this.clock.now(), by.id);
      this.audit.record({
        actor: by,
        source,
        action: 'retention.class',
        target: `retention:${input.name}`,
        ...(before ? { before: { model: before.model, minAgeDays: before.min_age_days, maxAgeDays: before.max_age_days } } : {}),
        after: { model: input.model, minAgeDays: input.minAgeDays, maxAgeDays: input.maxAgeDays },
      });
    }).immediate();
    return this.classes().find((c) => c.name === input.name)!;
  }

  holds(includeReleased = false): LegalHold[] {
    const sql = `SELECT * FROM legal_holds ${includeReleased ? '' : 'WHERE released_at IS NULL'} ORDER BY created_at DESC`;
    return (this.db.prepare(sql).all() as HoldRow[]).map(toHold);
  }

  placeHold(input: { scope: string; reason: string }, by: Actor, source: Source): LegalHold {
    if (!SCOPE.test(input.scope)) {
      throw new TriadError('BAD_INPUT', `"${input.scope}" is not a hold scope.`, 'Use all, model:NAME, user:NAME or trace:ID.');
    }
    const id = randomUUID();
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO legal_holds (id, scope, reason, created_at, created_by) VALUES (?, ?, ?, ?, ?)').run(id, input.scope, input.reason, this.clock.now(), by.username);
      this.audit.record({ actor: by, source, action: 'retention.hold', target: `hold:${id}`, after: { scope: input.scope, reason: input.reason } });
    }).immediate();
    return this.holds().find((h) => h.id === id)!;
  }

  releaseHold(id: string, by: Actor, source: Source): LegalHold {
    this.db.transaction(() => {
      const row = this.db.prepare('SELECT * FROM legal_holds WHERE id = ?').get(id) as HoldRow | undefined;
      if (!row) throw new TriadError('NOT_FOUND', `No legal hold "${id}".`, 'List them with `triad retention holds`.');
      if (row.released_at !== null) throw new TriadError('BAD_INPUT', `The hold "${id}" was already released.`);
      this.db.prepare('UPDATE legal_holds SET released_at = ?, released_by = ? WHERE id = ?').run(this.clock.now(), by.username, id);
      this.audit.record({ actor: by, source, action: 'retention.release', target: `hold:${id}`, before: { scope: row.scope, reason: row.reason } });
    }).immediate();
    return toHold(this.db.prepare('SELECT * FROM legal_holds WHERE id = ?').get(id) as HoldRow);
  }

  plan(): PurgePlan {
    const now = this.clock.now();
    const classes = this.classes();
    const fallback = classes.find((c) => c.model === null);
    const holds = this.holds();
    const rows = this.db
      .prepare(
        `SELECT t.id, t.model_name, t.username, coalesce(t.ended_at, t.started_at) AS ended_at, e.idx
         FROM traces t JOIN ledger_entries e ON e.kind = 'trace' AND e.ref = t.id
         WHERE t.status <> 'running' AND EXISTS (SELECT 1 FROM ledger_salts s WHERE s.entry_idx = e.idx AND s.salt IS NOT NULL)
         ORDER BY ended_at`,
      )
      .all() as CandidateRow[];
    const plan: PurgePlan = { eligible: [], held: [] };
    for (const r of rows) {
      const cls = classes.find((c) => c.model === r.model_name) ?? fallback;
      if (!cls || cls.maxAgeDays === null) continue;
      const ageDays = (now - r.ended_at) / DAY_MS;
      if (ageDays <= cls.maxAgeDays || ageDays < cls.minAgeDays) continue;
      const hold = holds.find((h) => h.scope === 'all' || h.scope === `model:${r.model_name}` || h.scope === `user:${r.username}` || h.scope === `trace:${r.id}`);
      const candidate: PurgeCandidate = { traceId: r.id, model: r.model_name, user: r.username, endedAt: r.ended_at, retentionClass: cls.name, holdId: hold?.id ?? null };
      (hold ? plan.held : plan.eligible).push(candidate);
    }
    return plan;
  }

  /** Removes the content of every eligible trace, keeping the ledger's commitments; one audit event for the purge. */
  purge(by: Actor, source: Source): PurgePlan & { purged: number } {
    return this.db.transaction(() => {
      const plan = this.plan();
      if (plan.eligible.length === 0) return { ...plan, purged: 0 };
      const now = this.clock.now();
      // The trace_search triggers (tracing issue) re-index the emptied text, so the search index forgets it too.
      const columns = new Set(this.db.prepare("SELECT name FROM pragma_table_info('traces')").pluck().all() as string[]);
      const sets = PURGEABLE_TRACE_FIELDS.filter((f) => columns.has(f)).map((f) => `${f} = ${NOT_NULL_TRACE_FIELDS.includes(f) ? "''" : 'NULL'}`);
      const clear = this.db.prepare(`UPDATE traces SET ${sets.join(', ')} WHERE id = ?`);
      const forget = this.db.prepare("UPDATE ledger_salts SET salt = NULL, purged_at = ? WHERE entry_idx = (SELECT idx FROM ledger_entries WHERE kind = 'trace' AND ref = ?)");
      for (const c of plan.eligible) {
        clear.run(c.traceId);
        forget.run(now, c.traceId);
      }
      this.audit.record({
        actor: by,
        source,
        action: 'retention.purge',
        target: 'traces',
        after: { purged: plan.eligible.length, held: plan.held.length, traces: plan.eligible.map((c) => c.traceId) },
      });
      return { ...plan, purged: plan.eligible.length };
    }).immediate();
  }
}
