import type { Source } from '../../../shared/domain';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { Actor } from '../governance/audit';
import type { CheckpointReason, CheckpointRow, Checkpoints } from './checkpoints';
import type { KeyStore, SigningKeyInfo } from './keyStore';
import type { Ledger, LedgerEntry } from './ledger';
import { consistencyBetween, inclusionProof, type ConsistencyProof, type InclusionProof } from './proofs';
import { verifyLedger, type VerifyReport } from './verify';

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
      installationKey: this.keys.activeInstallationKey(),
    };
  }

  verify(): VerifyReport {
    return verifyLedger(this.db, this.clock, this.log);
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
