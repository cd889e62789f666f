import { randomUUID } from 'node:crypto';
import type { Source } from '../../../shared/domain';
import type { AuditEvent, AuditFilter } from '../../../shared/methods/audit';
import { iso, type Clock } from '../clock';
import type { Db } from '../db/connection';

/** Who did something: a signed-in user, or the system itself (demo set-up, migrations). */
export interface Actor {
  id: string | null;
  username: string;
  role: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: null, username: 'system', role: null };

export interface AuditEntry {
  actor: Actor;
  source: Source | 'system';
  action: string;
  target?: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditEventRow {
  seq: number;
  id: string;
  at: number;
  actor_name: string;
  actor_role: string | null;
  source: string;
  action: string;
  target: string | null;
}

/**
 * Records every state change with its actor. Append-only (enforced by
 * triggers); the ledger issue moves these into the Merkle log.
 */
export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /** Called in the same transaction as the insert: the ledger appends the event (ledger issue). */
    private readonly onRecorded: (eventId: string) => void = () => undefined,
  ) {}

  record(entry: AuditEntry): void {
    const id = randomUUID();
    // One transaction (a savepoint inside the caller's): the event and its ledger entry exist together or not at all.
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO audit_events (id, at, actor_id, actor_name, actor_role, source, action, target, before_json, after_json)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          this.clock.now(),
          entry.actor.id,
          entry.actor.username,
          entry.actor.role,
          entry.source,
          entry.action,
          entry.target ?? null,
          entry.before === undefined ? null : JSON.stringify(entry.before),
          entry.after === undefined ? null : JSON.stringify(entry.after),
        );
      this.onRecorded(id);
    })();
  }

  /** Events matching the filter, newest first, with the total count for paging. */
  query(filter: AuditFilter & { limit: number; offset: number }): { events: AuditEvent[]; total: number } {
    const { where, params } = whereClause(filter);
    const total = (this.db.prepare(`SELECT count(*) AS n FROM audit_events ${where}`).get(...params) as { n: number }).n;
    const rows = this.db
      .prepare(`SELECT * FROM audit_events ${where} ORDER BY seq DESC LIMIT ? OFFSET ?`)
      .all(...params, filter.limit, filter.offset) as FullRow[];
    return { events: rows.map(toEvent), total };
  }

  /** The distinct actors, actions and sources, for the viewer's filter menus. */
  facets(): { actors: string[]; actions: string[]; sources: string[] } {
    const distinct = (column: string): string[] =>
      (this.db.prepare(`SELECT DISTINCT ${column} AS v FROM audit_events ORDER BY v`).all() as { v: string }[]).map((r) => r.v);
    return { actors: distinct('actor_name'), actions: distinct('action'), sources: distinct('source') };
  }

  recent(limit = 100): AuditEventRow[] {
    return this.db
      .prepare(
        'SELECT seq, id, at, actor_name, actor_role, source, action, target FROM audit_events ORDER BY seq DESC LIMIT ?',
      )
      .all(limit) as AuditEventRow[];
  }
}

interface FullRow extends AuditEventRow {
  before_json: string | null;
  after_json: string | null;
}

function parseJson(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}

function toEvent(row: FullRow): AuditEvent {
  return {
    seq: row.seq,
    id: row.id,
    at: iso(row.at),
    actor: row.actor_name,
    actorRole: row.actor_role,
    source: row.source,
    action: row.action,
    target: row.target,
    before: parseJson(row.before_json),
    after: parseJson(row.after_json),
  };
}

/** LIKE patterns match the text literally: % and _ in a filter are not wildcards. */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function whereClause(filter: AuditFilter): { where: string; params: (string | number)[] } {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  if (filter.actor !== undefined) {
    clauses.push('actor_name = ? COLLATE NOCASE');
    params.push(filter.actor);
  }
  if (filter.action !== undefined) {
    // "user." selects every user action; anything else is an exact action.
    if (filter.action.endsWith('.')) {
      clauses.push("action LIKE ? ESCAPE '\\'");
      params.push(`${likeEscape(filter.action)}%`);
    } else {
      clauses.push('action = ?');
      params.push(filter.action);
    }
  }
  if (filter.source !== undefined) {
    clauses.push('source = ?');
    params.push(filter.source);
  }
  if (filter.target !== undefined) {
    clauses.push("target LIKE ? ESCAPE '\\'");
    params.push(`%${likeEscape(filter.target)}%`);
  }
  if (filter.from !== undefined) {
    clauses.push('at >= ?');
    params.push(Date.parse(filter.from));
  }
  if (filter.to !== undefined) {
    clauses.push('at <= ?');
    params.push(Date.parse(filter.to));
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}
