import type { Db } from '../db/connection';
import { commit, newSalt, type Commitment } from './commitment';
import type { Ledger } from './ledger';
import { auditRecord, purgeableFieldsOf, traceRecord, type AuditSourceRow, type PurgeableField, type TraceSourceRow } from './records';

/**
 * Turns source rows (audit events, finished traces) into ledger entries. The
 * services call these hooks inside the transaction that writes the row, so a
 * row and its entry exist together or not at all.
 */
export class LedgerRecorder {
  constructor(
    private readonly db: Db,
    private readonly ledger: Ledger,
  ) {}

  auditEvent(id: string): void {
    const row = this.db.prepare('SELECT * FROM audit_events WHERE id = ?').get(id) as AuditSourceRow | undefined;
    if (!row) throw new Error(`audit event ${id} vanished before it reached the ledger`);
    this.ledger.append('audit', row.id, auditRecord(row));
  }

  /** A finished (or failed) trace: its content is committed by salted hash so retention can purge it. */
  trace(id: string): void {
    const row = this.db.prepare('SELECT * FROM traces WHERE id = ?').get(id) as TraceSourceRow | undefined;
    if (!row) throw new Error(`trace ${id} vanished before it reached the ledger`);
    this.db.transaction(() => {
      const salts = new Map<PurgeableField, Buffer>();
      const commitments: Partial<Record<PurgeableField, Commitment>> = {};
      for (const field of purgeableFieldsOf(row)) {
        const salt = newSalt();
        salts.set(field, salt);
        commitments[field] = commit(salt, row[field] as string);
      }
      const index = this.ledger.append('trace', row.id, traceRecord(row, commitments));
      const insert = this.db.prepare('INSERT INTO ledger_salts (entry_idx, field, salt) VALUES (?, ?, ?)');
      for (const [field, salt] of salts) insert.run(index, field, salt);
    }).immediate();
  }

  /**
   * Once per home, at the first open with a ledger: events and finished traces
   * written before the ledger existed. Only once, so rows slipped into the
   * tables later are reported by verify instead of being absorbed here.
   */
  backfillOnce(): void {
    // Checked before taking the write lock: every open passes here.
    if (this.db.prepare("SELECT 1 FROM ledger_meta WHERE key = 'backfilled'").get()) return;
    this.db.transaction(() => {
      const done = this.db.prepare("SELECT 1 FROM ledger_meta WHERE key = 'backfilled'").get();
      if (done) return;
      const events = this.db.prepare('SELECT id FROM audit_events ORDER BY seq').pluck().all() as string[];
      for (const id of events) if (!this.ledger.hasRef('audit', id)) this.auditEvent(id);
      const traces = this.db.prepare("SELECT id FROM traces WHERE status <> 'running' ORDER BY started_at, rowid").pluck().all() as string[];
      for (const id of traces) if (!this.ledger.hasRef('trace', id)) this.trace(id);
      this.db.prepare("INSERT INTO ledger_meta (key, value) VALUES ('backfilled', ?)").run(String(events.length + traces.length));
    }).immediate();
  }
}
