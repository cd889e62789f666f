import type { Source } from '../../../shared/domain';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { TriadError } from '../../../shared/errors';
import type { Actor, AuditLog } from '../governance/audit';
import type { CheckpointReason, CheckpointRow, Checkpoints } from './checkpoints';
import type { KeyStore, SigningKeyInfo } from './keyStore';
import type { Ledger, LedgerEntry } from './ledger';
import { consistencyBetween, inclusionProof, type ConsistencyProof, type InclusionProof } from './proofs';
import { addNoteSignature } from './signedNote';
import type { Signer } from './keyStore';
import { verifyLedger, verifyLedgerAsync, type VerifyReport } from './verify';
import type { VerifyProgress } from './verifyEntries';

export interface LastVerification {
  at: number;
  ok: boolean;
  size: number;
  firstBadEntry: number | null;
  problemCount: number;
  summary: string;
}

export interface LedgerStatusInfo {
  origin: string;
  size: number;
  rootHash: string;
  lastCheckpoint: CheckpointRow | null;
  lastVerification: LastVerification | null;
  /** Entries appended since the last verification, not counting the records of verification runs themselves. */
  sinceVerification: number | null;
  installationKey: SigningKeyInfo | null;
}

/** What the API, the CLI and the workspace ask of the ledger, in one place. */
export class LedgerService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    readonly log: Ledger,
    readonly keys: KeyStore,
    readonly checkpoints: Checkpoints,
    private readonly audit: AuditLog,
  ) {}

  status(): LedgerStatusInfo {
    const v = this.db.prepare('SELECT * FROM ledger_verifications ORDER BY seq DESC LIMIT 1').get() as
      | { at: number; ok: number; size: number; first_bad_entry: number | null; problem_count: number; summary: string }
      | undefined;
    const size = this.log.size();
    return {
      origin: this.log.origin(),
      size,
      rootHash: this.log.root(size).toString('hex'),
      lastCheckpoint: this.checkpoints.latest(),
      lastVerification: v ? { at: v.at, ok: v.ok === 1, size: v.size, firstBadEntry: v.first_bad_entry, problemCount: v.problem_count, summary: v.summary } : null,
      sinceVerification: v ? this.countSince(v.size) : null,
      installationKey: this.keys.activeInstallationKey(),
    };
  }

  /** Verifies in one go, unrecorded in the audit log (tests and internal checks). */
  verify(): VerifyReport {
    return verifyLedger(this.db, this.clock, this.log);
  }

  /**
   * A verification someone asked for: run in chunks with progress (a large
   * ledger must not freeze the app) and recorded as a `ledger.verify` event
   * with its outcome.
   */
  async verifyRecorded(by: Actor, source: Source, onProgress: (p: VerifyProgress) => void, beforeChunk?: () => void): Promise<VerifyReport> {
    const report = await verifyLedgerAsync(this.db, this.clock, this.log, onProgress, beforeChunk);
    try {
      this.audit.record({
        actor: by,
        source,
        action: 'ledger.verify',
        target: 'ledger',
        after: { ok: report.ok, size: report.size, checkpoints: report.checkpoints, firstBadEntry: report.firstBadEntry, problemCount: report.problemCount },
      });
    } catch (err) {
      // A damaged ledger may refuse new entries; the report of the damage matters more
      // than recording that it was produced.
      if (report.ok || !(err instanceof TriadError && err.code === 'LEDGER_INVALID')) throw err;
    }
    return report;
  }

  /**
   * Adds a user's signature line to the latest checkpoint (a C2SP note may carry
   * several): the reviewer attests that they saw this size and root.
   */
  cosignLatest(signer: Signer, by: Actor, source: Source): CheckpointRow {
    const updated = this.db.transaction(() => {
      const latest = this.checkpoints.latest();
      if (!latest) throw new TriadError('NOT_FOUND', 'There is no checkpoint to co-sign yet.', 'Sign one first: `triad ledger checkpoint` (or "Sign checkpoint" on the Audit page).');
      const note = addNoteSignature(latest.note, signer.name, signer.privateKey, signer.rawPublicKey);
      if (note === null) throw new TriadError('ALREADY_EXISTS', `Checkpoint #${latest.seq} already carries your signature.`, 'Sign a new checkpoint to co-sign again.');
      this.db.prepare('UPDATE ledger_checkpoints SET note = ? WHERE seq = ?').run(note, latest.seq);
      this.audit.record({
        actor: by,
        source,
        action: 'ledger.cosign',
        target: `checkpoint:${latest.seq}`,
        after: { keyId: signer.keyId, size: latest.size, rootHash: latest.root_hash },
      });
      return latest.seq;
    }).immediate();
    return this.checkpoints.get(updated)!;
  }

  private countSince(size: number): number {
    return this.db
      .prepare(
        `SELECT count(*) FROM ledger_entries e WHERE e.idx >= ?
           AND NOT (e.kind = 'audit' AND EXISTS (SELECT 1 FROM audit_events a WHERE a.id = e.ref AND a.action = 'ledger.verify'))`,
      )
      .pluck()
      .get(size) as number;
  }

  checkpoint(reason: CheckpointReason): CheckpointRow {
    return this.checkpoints.create(reason);
  }

  proof(ref: string): InclusionProof {
    return inclusionProof(this.log, this.checkpoints, ref);
  }

  consistency(fromSeq: number, toSeq: number): ConsistencyProof {
    return consistencyBetween(this.log, this.checkpoints, fromSeq, toSeq);
  }

  entries(limit: number, offset: number): LedgerEntry[] {
    return this.log.recent(limit, offset);
  }

  /** Signs a checkpoint every `everyMs` while entries keep coming; returns the stop function. */
  startPeriodicCheckpoints(everyMs: number): () => void {
    const timer = setInterval(() => this.checkpointQuietly('periodic'), everyMs);
    // A CLI command must not stay alive for this timer.
    timer.unref();
    return () => clearInterval(timer);
  }

  /** For close and the timer: a failed checkpoint is reported, never allowed to stop a close. */
  checkpointQuietly(reason: CheckpointReason): CheckpointRow | null {
    try {
      return this.checkpoints.createIfGrown(reason);
    } catch (err) {
      console.warn(`[triad] could not sign a ledger checkpoint (${reason}): ${err instanceof Error ? err.message : String(err)}`);
      return null;
    }
  }

  /**
   * Seals what the old key covers with a last checkpoint, rotates, and signs
   * a first checkpoint with the new key (which covers the rotation event).
   */
  rotateInstallationKey(by: Actor, source: Source): { key: SigningKeyInfo; checkpoint: CheckpointRow } {
    this.checkpoints.createIfGrown('rotation');
    const key = this.keys.rotateInstallationKey(by, source);
    return { key, checkpoint: this.checkpoints.create('rotation') };
  }
}
