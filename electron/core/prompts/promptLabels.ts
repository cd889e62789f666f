import type { Source } from '../../../shared/domain';
import { TriadError } from '../../../shared/errors';
import { PROTECTED_LABELS, type LabelEvent, type PromptLabel } from '../../../shared/methods/prompts';
import { iso, type Clock } from '../clock';
import type { Db } from '../db/connection';
import type { Actor, AuditLog } from '../governance/audit';
import { assertNotCreator } from '../governance/separationOfDuties';
import type { PromptRegistry } from './promptRegistry';

interface LabelRow {
  label: string;
  version: number;
  updated_at: number;
  updated_by_name: string | null;
}

interface EventRow {
  seq: number;
  label: string;
  from_version: number | null;
  to_version: number;
  to_version_id: string;
  action: 'set' | 'rollback';
  at: number;
  actor_name: string;
}

export function isProtectedLabel(label: string): boolean {
  return (PROTECTED_LABELS as readonly string[]).includes(label);
}

export interface LabelMove {
  name: string;
  label: string;
  actor: Actor;
  source: Source | 'system';
}

/**
 * Labels point at versions (`production`, `staging`, or any custom name).
 * Every move is appended to the label's history, which is what rollback reads:
 * a set pushes a version, a rollback pops back to the one underneath.
 */
export class PromptLabels {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly registry: PromptRegistry,
  ) {}

  list(name: string): PromptLabel[] {
    const promptId = this.registry.promptId(name);
    const rows = this.db
      .prepare(
        `SELECT l.label, v.version, l.updated_at, coalesce(u.username, 'system') AS updated_by_name
         FROM prompt_labels l JOIN prompt_versions v ON v.id = l.version_id LEFT JOIN users u ON u.id = l.updated_by
         WHERE l.prompt_id = ? ORDER BY l.label`,
      )
      .all(promptId) as LabelRow[];
    return rows.map((r) => this.toLabel(r));
  }

  history(name: string): LabelEvent[] {
    return this.events(this.registry.promptId(name))
      .reverse()
      .map((e) => ({ seq: e.seq, label: e.label, fromVersion: e.from_version, toVersion: e.to_version, action: e.action, at: iso(e.at), by: e.actor_name }));
  }

  /** Points `label` at `version`. A protected label needs someone other than the version's author. */
  set(move: LabelMove & { version: number }): PromptLabel {
    const target = this.registry.resolve(`${move.name}@${move.version}`);
    if (isProtectedLabel(move.label)) {
      assertNotCreator(`${move.name}@${move.version}`, target.createdById, move.actor);
    }
    return this.move(move, target.id, target.version, 'set');
  }

  /** Moves the label back to the version it held before its last move (one step per call). */
  rollback(move: LabelMove): PromptLabel {
    const promptId = this.registry.promptId(move.name);
    const stack: { id: string; version: number }[] = [];
    for (const e of this.events(promptId).filter((ev) => ev.label === move.label)) {
      if (e.action === 'set') stack.push({ id: e.to_version_id, version: e.to_version });
      else stack.pop();
    }
    if (stack.length === 0) {
      throw new TriadError('NOT_FOUND', `Prompt "${move.name}" has no label "${move.label}".`, `Set it first: triad prompts label ${move.name}@VERSION ${move.label}`);
    }
    const previous = stack.at(-2);
    if (!previous) {
      throw new TriadError(
        'BAD_INPUT',
        `"${move.label}" of ${move.name} has no earlier version to roll back to (it has only ever pointed at version ${stack[0]?.version}).`,
        `Point it at another version with: triad prompts label ${move.name}@VERSION ${move.label}`,
      );
    }
    // The earlier version already held this label, approved when it was set, so no new approval is needed.
    return this.move(move, previous.id, previous.version, 'rollback');
  }

  private move(move: LabelMove, versionId: string, version: number, action: 'set' | 'rollback'): PromptLabel {
    const promptId = this.registry.promptId(move.name);
    const write = this.db.transaction(() => {
      const current = this.db
        .prepare('SELECT l.version_id, v.version FROM prompt_labels l JOIN prompt_versions v ON v.id = l.version_id WHERE l.prompt_id = ? AND l.label = ?')
        .get(promptId, move.label) as { version_id: string; version: number } | undefined;
      if (current?.version_id === versionId) return;
      const now = this.clock.now();
      this.db
        .prepare(
          `INSERT INTO prompt_labels (prompt_id, label, version_id, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (prompt_id, label) DO UPDATE SET version_id = excluded.version_id, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        )
        .run(promptId, move.label, versionId, now, move.actor.id);
      this.db
        .prepare(
          `INSERT INTO prompt_label_events (prompt_id, label, from_version_id, to_version_id, action, at, actor_id, actor_name)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(promptId, move.label, current?.version_id ?? null, versionId, action, now, move.actor.id, move.actor.username);
      this.audit.record({
        actor: move.actor,
        source: move.source,
        action: action === 'set' ? 'prompt.label' : 'prompt.rollback',
        target: `prompt:${move.name}#${move.label}`,
        before: current ? { label: move.label, version: current.version } : null,
        after: { label: move.label, version },
      });
    });
    write.immediate();
    const label = this.list(move.name).find((l) => l.label === move.label);
    if (!label) throw new TriadError('INTERNAL', `Label "${move.label}" vanished after it was set.`);
    return label;
  }

  private events(promptId: string): EventRow[] {
    return this.db
      .prepare(
        `SELECT e.seq, e.label, fv.version AS from_version, tv.version AS to_version, e.to_version_id, e.action, e.at, e.actor_name
         FROM prompt_label_events e JOIN prompt_versions tv ON tv.id = e.to_version_id
         LEFT JOIN prompt_versions fv ON fv.id = e.from_version_id
         WHERE e.prompt_id = ? ORDER BY e.seq`,
      )
      .all(promptId) as EventRow[];
  }

  private toLabel(r: LabelRow): PromptLabel {
    return { label: r.label, version: r.version, protected: isProtectedLabel(r.label), updatedAt: iso(r.updated_at), updatedBy: r.updated_by_name ?? 'system' };
  }
}
