import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { KeyStore } from './keyStore';
import type { Ledger } from './ledger';
import { checkpointText, signNote } from './signedNote';

export type CheckpointReason = 'manual' | 'close' | 'periodic' | 'export' | 'rotation';

export interface CheckpointRow {
  seq: number;
  size: number;
  root_hash: string;
  at: number;
  key_id: string;
  reason: string;
  note: string;
}

/**
 * Signed tree heads: the ledger's size and root, signed by the installation
 * key as a C2SP checkpoint. Once a checkpoint exists, rewriting anything it
 * covers needs the installation key as well as the database.
 */
export class Checkpoints {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly ledger: Ledger,
    private readonly keys: KeyStore,
  ) {}

  create(reason: CheckpointReason): CheckpointRow {
    const signer = this.keys.installation();
    return this.db.transaction(() => {
      const size = this.ledger.size();
      const rootHash = this.ledger.root(size);
      const note = signNote(checkpointText({ origin: this.ledger.origin(), size, rootHash }), signer.name, signer.privateKey, signer.rawPublicKey);
      const info = this.db
        .prepare('INSERT INTO ledger_checkpoints (size, root_hash, at, key_id, reason, note) VALUES (?, ?, ?, ?, ?, ?)')
        .run(size, rootHash.toString('hex'), this.clock.now(), signer.keyId, reason, note);
      return this.get(Number(info.lastInsertRowid))!;
    }).immediate();
  }

  /** A checkpoint only when entries were added since the last one (close, timer). */
  createIfGrown(reason: CheckpointReason): CheckpointRow | null {
    const last = this.latest();
    if (last && last.size >= this.ledger.size()) return null;
    return this.create(reason);
  }

  get(seq: number): CheckpointRow | null {
    return (this.db.prepare('SELECT * FROM ledger_checkpoints WHERE seq = ?').get(seq) as CheckpointRow | undefined) ?? null;
  }

  latest(): CheckpointRow | null {
    return (this.db.prepare('SELECT * FROM ledger_checkpoints ORDER BY seq DESC LIMIT 1').get() as CheckpointRow | undefined) ?? null;
  }

  /** The latest checkpoint that covers entry `index`, if any. */
  covering(index: number): CheckpointRow | null {
    return (this.db.prepare('SELECT * FROM ledger_checkpoints WHERE size > ? ORDER BY seq DESC LIMIT 1').get(index) as CheckpointRow | undefined) ?? null;
  }

  all(): CheckpointRow[] {
    return this.db.prepare('SELECT * FROM ledger_checkpoints ORDER BY seq').all() as CheckpointRow[];
  }

  recent(limit: number): CheckpointRow[] {
    return this.db.prepare('SELECT * FROM ledger_checkpoints ORDER BY seq DESC LIMIT ?').all(limit) as CheckpointRow[];
  }
}
