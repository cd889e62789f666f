import { randomUUID } from 'node:crypto';
import { TriadError } from '../../../shared/errors';
import { MODEL_STAGES, STAGE_TRANSITIONS, type ModelStage } from '../../../shared/methods/models';
import { iso, type Clock } from '../clock';
import type { Db } from '../db/connection';
import type { AuditLog } from '../governance/audit';
import { assertNotCreator } from '../governance/separationOfDuties';
import type { Witness } from './integrity';
import { SELECT_VERSION, toVersion, versionRef, type StoredModelVersion, type VersionRow } from './versionRows';

export interface StageEvent {
  fromStage: string;
  toStage: string;
  reason: string;
  at: string;
  actor: string;
}

function isStage(value: string): value is ModelStage {
  return (MODEL_STAGES as readonly string[]).includes(value);
}

/** draft → candidate → approved → retired, each move recorded with who and why. */
export class ModelLifecycle {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  setStage(v: StoredModelVersion, stage: ModelStage, reason: string, who: Witness): StoredModelVersion {
    const ref = versionRef(v);
    const tx = this.db.transaction((): StoredModelVersion => {
      // Re-read inside the write lock: another approver may have moved it meanwhile.
      const current = toVersion(this.db.prepare(`${SELECT_VERSION} WHERE v.id = ?`).get(v.id) as VersionRow);
      const from = current.stage;
      if (from === stage) throw new TriadError('BAD_INPUT', `${ref} is already ${stage}.`);
      const allowed = isStage(from) ? STAGE_TRANSITIONS[from] : [];
      if (!allowed.includes(stage)) {
        throw new TriadError(
          'BAD_INPUT',
          `${ref} is ${from} and cannot move to ${stage}.`,
          allowed.length ? `From ${from} it may move to: ${allowed.join(', ')}.` : `A ${from} version stays ${from}; import a new version instead.`,
        );
      }
      if (stage === 'approved') assertNotCreator(ref, current.createdById, who.actor);
      if (stage === 'retired') {
        const labels = (this.db.prepare('SELECT label FROM model_labels WHERE version_id = ? ORDER BY label').all(v.id) as { label: string }[]).map(
          (r) => r.label,
        );
        if (labels.length > 0) {
          throw new TriadError(
            'BAD_INPUT',
            `${ref} cannot be retired while the label${labels.length > 1 ? 's' : ''} ${labels.join(', ')} point${labels.length > 1 ? '' : 's'} at it.`,
            'Move the label to another version (or roll it back) first.',
          );
        }
      }
      const now = this.clock.now();
      this.db.prepare('UPDATE model_versions SET stage = ? WHERE id = ?').run(stage, v.id);
      this.db
        .prepare(
          'INSERT INTO model_stage_events (id, version_id, from_stage, to_stage, reason, at, actor_id, actor_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(randomUUID(), v.id, from, stage, reason, now, who.actor.id, who.actor.username);
      this.audit.record({
        actor: who.actor,
        source: who.source,
        action: stage === 'approved' ? 'model.approve' : 'model.stage',
        target: `model:${ref}`,
        before: { stage: from },
        after: { stage, reason },
      });
      return { ...current, stage };
    });
    return tx.immediate();
  }

  events(versionId: string): StageEvent[] {
    const rows = this.db
      .prepare('SELECT from_stage, to_stage, reason, at, actor_name FROM model_stage_events WHERE version_id = ? ORDER BY at, rowid')
      .all(versionId) as { from_stage: string; to_stage: string; reason: string; at: number; actor_name: string }[];
    return rows.map((r) => ({ fromStage: r.from_stage, toStage: r.to_stage, reason: r.reason, at: iso(r.at), actor: r.actor_name }));
  }
}
