import { stat } from 'node:fs/promises';
import type { Source } from '../../../shared/domain';
import { TriadError } from '../../../shared/errors';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { SYSTEM_ACTOR, type Actor, type AuditLog } from '../governance/audit';
import { sha256File, type ProgressFn } from './hashFile';
import { versionRef, type StoredModelVersion } from './versionRows';

export interface Witness {
  actor: Actor;
  source: Source | 'system';
}

export interface VerifyOutcome {
  ok: boolean;
  message: string;
}

const SYSTEM_WITNESS: Witness = { actor: SYSTEM_ACTOR, source: 'system' };

/**
 * Is the file on disk still the one that was registered? A cheap size/mtime
 * check before every load, a full re-hash when that check changes and on
 * `verify`. Every mismatch is recorded as an incident in the audit log.
 */
export class ModelIntegrity {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /** Throws MODEL_INVALID (after recording the incident) when the file is missing or modified. */
  async checkBeforeLoad(v: StoredModelVersion, who: Witness = SYSTEM_WITNESS): Promise<void> {
    const s = await stat(v.path).catch(() => null);
    if (s && s.size === v.sizeBytes && Math.round(s.mtimeMs) === v.fileMtimeMs) return;
    const outcome = await this.rehash(v, who, 'load');
    if (!outcome.ok) {
      throw new TriadError(
        'MODEL_INVALID',
        outcome.message,
        s ? 'Restore the original file or import the new one as a new version.' : 'Restore the file or import the model again.',
      );
    }
  }

  /** A full re-hash, whatever the cheap check says; records the result. */
  async verify(v: StoredModelVersion, who: Witness, onProgress?: ProgressFn, signal?: AbortSignal): Promise<VerifyOutcome> {
    return this.rehash(v, who, 'verify', onProgress, signal);
  }

  private async rehash(v: StoredModelVersion, who: Witness, check: 'load' | 'verify', onProgress?: ProgressFn, signal?: AbortSignal): Promise<VerifyOutcome> {
    const ref = versionRef(v);
    const s = await stat(v.path).catch(() => null);
    let actual: string | null = null;
    if (s?.isFile()) {
      actual = s.size === v.sizeBytes ? await sha256File(v.path, s.size, { onProgress, signal }) : `size ${s.size}`;
    }
    if (actual === v.sha256 && s) {
      const now = this.clock.now();
      // The bytes are unchanged (the file was only touched): remember the new mtime so the cheap check passes again.
      this.db.prepare('UPDATE model_versions SET file_mtime_ms = ?, verified_at = ? WHERE id = ?').run(Math.round(s.mtimeMs), now, v.id);
      if (check === 'verify') {
        this.audit.record({ actor: who.actor, source: who.source, action: 'model.verified', target: `model:${ref}`, after: { sha256: v.sha256 } });
      }
      return { ok: true, message: `${ref} matches sha256 ${v.sha256.slice(0, 12)}….` };
    }
    const message =
      actual === null
        ? `The file of ${ref} is missing: ${v.path}.`
        : `The file of ${ref} was modified: it no longer matches sha256 ${v.sha256.slice(0, 12)}….`;
    this.audit.record({
      actor: who.actor,
      source: who.source,
      action: 'model.integrity_failed',
      target: `model:${ref}`,
      before: { sha256: v.sha256, sizeBytes: v.sizeBytes },
      after: { check, path: v.path, found: actual === null ? 'missing' : actual, sizeBytes: s?.size ?? null },
    });
    return { ok: false, message };
  }
}
