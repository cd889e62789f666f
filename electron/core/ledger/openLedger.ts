import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { AuditLog } from '../governance/audit';
import { Checkpoints } from './checkpoints';
import { KeyStore } from './keyStore';
import type { Ledger } from './ledger';
import type { LedgerRecorder } from './recorder';
import { LedgerService } from './service';

/**
 * The ledger's part of opening a workspace: events from before the ledger are
 * taken in once, and the installation key exists before anything is signed.
 */
export function openLedgerService(db: Db, clock: Clock, keysDir: string, log: Ledger, recorder: LedgerRecorder, audit: AuditLog): LedgerService {
  recorder.backfillOnce();
  const keys = new KeyStore(db, clock, keysDir, audit, () => log.origin());
  keys.ensureInstallationKey();
  return new LedgerService(db, clock, log, keys, new Checkpoints(db, clock, log, keys), audit);
}

/** Checkpoints while the app runs, besides the one at close. */
export const PERIODIC_CHECKPOINT_MS = 10 * 60_000;
