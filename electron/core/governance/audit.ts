import { randomUUID } from 'node:crypto';
import type { Source } from '../../../shared/domain';
import type { Clock } from '../clock';
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
  ) {}

  record(entry: AuditEntry): void {
    this.db
      .prepare(
        `INSERT INTO audit_events (id, at, actor_id, actor_name, actor_role, source, action, target, before_json, after_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        randomUUID(),
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
  }

  recent(limit = 100): AuditEventRow[] {
    return this.db
      .prepare(
        'SELECT seq, id, at, actor_name, actor_role, source, action, target FROM audit_events ORDER BY seq DESC LIMIT ?',
      )
      .all(limit) as AuditEventRow[];
  }
}
