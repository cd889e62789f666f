import type { Db } from '../db/connection';
import { canonicalJson } from './canonical';
import { commit, type Commitment } from './commitment';
import { problem, type Problem } from './problems';
import { auditRecord, traceRecord, type AuditSourceRow, type PurgeableField, type TraceSourceRow } from './records';
import { VERIFY_CHUNK, type ParsedEntry, type VerifySteps } from './verifyEntries';

function changedKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => canonicalJson(a[k] ?? null) !== canonicalJson(b[k] ?? null));
}

/**
 * The rows the ledger vouches for (audit_events, traces) against what it
 * committed: an edited or deleted row is named together with its entry, and a
 * row that never went through the ledger is reported as unrecorded.
 */
export function* checkSources(db: Db, entries: ParsedEntry[]): VerifySteps<Problem[]> {
  const problems: Problem[] = [];
  const auditById = db.prepare('SELECT * FROM audit_events WHERE id = ?');
  const traceById = db.prepare('SELECT * FROM traces WHERE id = ?');
  const saltsOf = db.prepare('SELECT field, salt FROM ledger_salts WHERE entry_idx = ?');
  let seen = 0;
  for (const e of entries) {
    if (++seen % VERIFY_CHUNK === 0) yield { done: seen, total: entries.length, label: 'Comparing audit events and traces' };
    if (e.kind === 'audit') {
      const row = auditById.get(e.ref) as AuditSourceRow | undefined;
      if (!row) {
        problems.push(problem('SOURCE_MISSING', `Audit event ${e.ref} (entry ${e.index}, ${String(e.body.record.action)}) was deleted from the audit log.`, e.index));
        continue;
      }
      const diff = changedKeys(auditRecord(row), e.body.record);
      if (diff.length) problems.push(problem('SOURCE_MODIFIED', `Audit event ${e.ref} (entry ${e.index}) was edited: ${diff.join(', ')} changed.`, e.index));
    } else if (e.kind === 'trace') {
      const row = traceById.get(e.ref) as TraceSourceRow | undefined;
      if (!row) {
        problems.push(problem('SOURCE_MISSING', `Trace ${e.ref} (entry ${e.index}) was deleted from the traces table.`, e.index));
        continue;
      }
      const committed = (e.body.record.content ?? {}) as Partial<Record<PurgeableField, Commitment>>;
      const salts = new Map((saltsOf.all(e.index) as { field: PurgeableField; salt: Buffer | null }[]).map((s) => [s.field, s.salt]));
      const now: Partial<Record<PurgeableField, Commitment>> = {};
      for (const [field, c] of Object.entries(committed) as [PurgeableField, Commitment][]) {
        const salt = salts.get(field);
        // Purged content keeps its commitment; there is nothing left to compare it with.
        if (salt === null) now[field] = c;
        else if (salt && typeof row[field] === 'string') now[field] = commit(salt, row[field]);
      }
      const diff = changedKeys(traceRecord(row, now), e.body.record);
      const contentDiff = diff.includes('content') ? Object.keys(committed).filter((f) => canonicalJson(now[f as PurgeableField] ?? null) !== canonicalJson(committed[f as PurgeableField])) : [];
      const named = [...diff.filter((k) => k !== 'content'), ...contentDiff];
      if (diff.length) problems.push(problem('SOURCE_MODIFIED', `Trace ${e.ref} (entry ${e.index}) was edited: ${named.join(', ')} changed.`, e.index));
    }
  }
  yield { done: entries.length, total: entries.length, label: 'Comparing audit events and traces' };
  // Read after the last yield, together with the tables below, so an append made meanwhile is seen on both sides.
  // Every ref with a row in the ledger, valid or not: a damaged entry is reported once, by checkEntries.
  const refs = db.prepare('SELECT kind, ref FROM ledger_entries').all() as { kind: string; ref: string }[];
  const seenAudit = new Set(refs.filter((r) => r.kind === 'audit').map((r) => r.ref));
  const seenTraces = new Set(refs.filter((r) => r.kind === 'trace').map((r) => r.ref));
  for (const r of db.prepare('SELECT id, seq, action FROM audit_events ORDER BY seq').iterate() as IterableIterator<{ id: string; seq: number; action: string }>) {
    if (!seenAudit.has(r.id)) problems.push(problem('SOURCE_UNRECORDED', `Audit event #${r.seq} (${r.action}) is not in the ledger: it was written to the table directly.`));
  }
  for (const r of db.prepare("SELECT id FROM traces WHERE status <> 'running'").iterate() as IterableIterator<{ id: string }>) {
    if (!seenTraces.has(r.id)) problems.push(problem('SOURCE_UNRECORDED', `Trace ${r.id} is not in the ledger: it was written to the table directly.`));
  }
  return problems;
}
