import { TriadError } from '../../../shared/errors';
import type { LabelEvent, LabelState } from '../../../shared/methods/models';
import { iso, type Clock } from '../clock';
import type { Db } from '../db/connection';
import type { AuditLog } from '../governance/audit';
import type { Witness } from './integrity';
import { SELECT_VERSION, toVersion, type StoredModelVersion, type VersionRow } from './versionRows';

/** The label a bare model name resolves through. */
export const PRODUCTION_LABEL = 'production';

interface EventRow {
  seq: number;
  label: string;
  kind: 'set' | 'rollback';
  from_version: number | null;
  to_version: number;
  to_version_id: string;
  reason: string;
  at: number;
  actor_name: string;
}

const SELECT_EVENTS = `
  SELECT e.seq, e.label, e.kind, fv.version AS from_version, tv.version AS to_version, e.to_version_id, e.reason, e.at, e.actor_name
  FROM model_label_events e
  JOIN model_versions tv ON tv.id = e.to_version_id
  LEFT JOIN model_versions fv ON fv.id = e.from_version_id`;

function toEvent(r: EventRow): LabelEvent {
  return { label: r.label, kind: r.kind, fromVersion: r.from_version, toVersion: r.to_version, reason: r.reason, at: iso(r.at), actor: r.actor_name };
}

/**
 * Labels (production, staging, …) point at versions. Every move is appended to a
 * history; a rollback undoes the latest move still in effect, so repeated
 * rollbacks walk back through the versions a label was set to (v3 → v2 → v1).
 */
export class ModelLabels {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  current(modelId: string): LabelState[] {
    const rows = this.db
      .prepare(
        `SELECT l.label, v.version, l.updated_at FROM model_labels l JOIN model_versions v ON v.id = l.version_id
         WHERE l.model_id = ? ORDER BY l.label`,
      )
      .all(modelId) as { label: string; version: number; updated_at: number }[];
    return rows.map((r) => ({ label: r.label, version: r.version, updatedAt: iso(r.updated_at) }));
  }

  /** Newest first. */
  history(modelId: string): LabelEvent[] {
    return (this.db.prepare(`${SELECT_EVENTS} WHERE e.model_id = ? ORDER BY e.seq DESC`).all(modelId) as EventRow[]).map(toEvent);
  }

  versionIdFor(modelId: string, label: string): string | null {
    const row = this.db.prepare('SELECT version_id FROM model_labels WHERE model_id = ? AND label = ?').get(modelId, label) as
      | { version_id: string }
      | undefined;
    return row?.version_id ?? null;
  }

  set(target: StoredModelVersion, label: string, reason: string, who: Witness): LabelEvent {
    const tx = this.db.transaction((): LabelEvent => {
      const fresh = this.reread(target.id);
      this.assertMayPoint(fresh, label);
      const fromId = this.versionIdFor(fresh.modelId, label);
      if (fromId === fresh.id) throw new TriadError('BAD_INPUT', `${label} already points at ${fresh.name}@${fresh.version}.`);
      return this.move(fresh, label, 'set', fromId, reason, who);
    });
    return tx.immediate();
  }

  rollback(modelId: string, name: string, label: string, reason: string, who: Witness): LabelEvent {
    const tx = this.db.transaction((): LabelEvent => {
      const events = this.db.prepare(`${SELECT_EVENTS} WHERE e.model_id = ? AND e.label = ? ORDER BY e.seq`).all(modelId, label) as EventRow[];
      if (events.length === 0) {
        throw new TriadError('NOT_FOUND', `${name} has no label "${label}".`, `Set it first: triad models label ${name}@VERSION ${label}.`);
      }
      // Replay the history: a set pushes a version, a rollback pops the latest one.
      const stack: string[] = [];
      for (const e of events) {
        if (e.kind === 'set') stack.push(e.to_version_id);
        else stack.pop();
      }
      const previous = stack.at(-2);
      if (previous === undefined) {
        throw new TriadError('BAD_INPUT', `${name}@${label} has no earlier version to roll back to.`, 'Point the label at a version with `triad models label`.');
      }
      const target = this.reread(previous);
      this.assertMayPoint(target, label);
      return this.move(target, label, 'rollback', this.versionIdFor(modelId, label), reason, who);
    });
    return tx.immediate();
  }

  private reread(versionId: string): StoredModelVersion {
    return toVersion(this.db.prepare(`${SELECT_VERSION} WHERE v.id = ?`).get(versionId) as VersionRow);
  }

  private assertMayPoint(v: StoredModelVersion, label: string): void {
    const ref = `${v.name}@${v.version}`;
    if (v.stage === 'retired') {
      throw new TriadError('BAD_INPUT', `${ref} is retired; a label cannot point at it.`, 'Choose a version that is not retired.');
    }
    if (label === PRODUCTION_LABEL && v.stage !== 'approved') {
      throw new TriadError(
        'BAD_INPUT',
        `${ref} is ${v.stage}; only an approved version may be labelled ${PRODUCTION_LABEL}.`,
        `Have another user approve it first: triad models approve ${ref} --reason "…".`,
      );
    }
  }

  private move(to: StoredModelVersion, label: string, kind: 'set' | 'rollback', fromId: string | null, reason: string, who: Witness): LabelEvent {
    const now = this.clock.now();
    this.db
      .prepare(
        `INSERT INTO model_labels (model_id, label, version_id, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (model_id, label) DO UPDATE SET version_id = excluded.version_id, updated_at = excluded.updated_at`,
      )
      .run(to.modelId, label, to.id, now);
    const info = this.db
      .prepare(
        `INSERT INTO model_label_events (model_id, label, kind, from_version_id, to_version_id, reason, at, actor_id, actor_name)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(to.modelId, label, kind, fromId, to.id, reason, now, who.actor.id, who.actor.username);
    const event = toEvent(this.db.prepare(`${SELECT_EVENTS} WHERE e.seq = ?`).get(info.lastInsertRowid) as EventRow);
    this.audit.record({
      actor: who.actor,
      source: who.source,
      action: kind === 'set' ? 'model.label' : 'model.rollback',
      target: `model:${to.name}@${label}`,
      before: { version: event.fromVersion },
      after: { version: event.toVersion, reason },
    });
    return event;
  }
}
