import { randomUUID } from 'node:crypto';
import { TriadError } from '../../../shared/errors';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { canonicalJson } from './canonical';
import { leafHash, nodeHash, rootHash, inclusionProof, consistencyProof, type NodeReader } from './merkle';

export type EntryKind = 'audit' | 'trace';

export interface LedgerEntry {
  index: number;
  kind: EntryKind;
  ref: string;
  at: number;
  body: string;
}

/** The envelope every leaf commits to. `index` lets verify tell a reordered row from an edited one. */
export interface EntryBody {
  v: 1;
  index: number;
  kind: EntryKind;
  ref: string;
  at: number;
  record: Record<string, unknown>;
}

/**
 * The append-only Merkle log in SQLite. An append writes the entry, its leaf
 * hash and the perfect subtrees it completes (at most log2 n nodes), so
 * appends and proofs read and write O(log n) rows. Call append inside the
 * transaction that makes the change it records.
 */
export class Ledger {
  private readonly readNode: NodeReader;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    const stmt = db.prepare('SELECT hash FROM ledger_nodes WHERE level = ? AND idx = ?').pluck();
    this.readNode = (level, index) => {
      const hash = stmt.get(level, index) as Buffer | undefined;
      if (!hash) throw new TriadError('INTERNAL', `The ledger's tree has no node at level ${level}, index ${index}.`, 'Run `triad ledger verify` to see what is damaged.');
      return hash;
    };
  }

  /** The name of this log in its checkpoints (C2SP origin line), fixed at first use. */
  origin(): string {
    const existing = this.db.prepare("SELECT value FROM ledger_meta WHERE key = 'origin'").pluck().get() as string | undefined;
    if (existing) return existing;
    this.db.prepare("INSERT OR IGNORE INTO ledger_meta (key, value) VALUES ('origin', ?)").run(`triad.local/ledger/${randomUUID()}`);
    return this.db.prepare("SELECT value FROM ledger_meta WHERE key = 'origin'").pluck().get() as string;
  }

  /**
   * Counted from the stored leaf hashes, not the entry rows: a deleted entry
   * leaves a hole that verify names, instead of having its index reused.
   */
  size(): number {
    const max = this.db.prepare('SELECT max(idx) FROM ledger_nodes WHERE level = 0').pluck().get() as number | null;
    return max === null ? 0 : max + 1;
  }

  nodes(): NodeReader {
    return this.readNode;
  }

  append(kind: EntryKind, ref: string, record: Record<string, unknown>): number {
    try {
      return this.appendUnchecked(kind, ref, record);
    } catch (err) {
      // A position already taken means rows were deleted or moved behind our back:
      // refuse to grow a damaged tree (the caller's transaction rolls back whole).
      if ((err as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) {
        throw new TriadError(
          'LEDGER_INVALID',
          'The ledger is damaged: the next entry would overwrite a position that is already taken, so nothing was recorded.',
          'Run `triad ledger verify` to name the first bad entry, then restore triad.db from a backup.',
        );
      }
      throw err;
    }
  }

  private appendUnchecked(kind: EntryKind, ref: string, record: Record<string, unknown>): number {
    return this.db.transaction(() => {
      const index = this.size();
      const at = this.clock.now();
      const body: EntryBody = { v: 1, index, kind, ref, at, record };
      const text = canonicalJson(body);
      this.db.prepare('INSERT INTO ledger_entries (idx, kind, ref, at, body) VALUES (?, ?, ?, ?, ?)').run(index, kind, ref, at, text);
      const insertNode = this.db.prepare('INSERT INTO ledger_nodes (level, idx, hash) VALUES (?, ?, ?)');
      let hash = leafHash(text);
      let level = 0;
      let i = index;
      insertNode.run(level, i, hash);
      // Each odd index completes a perfect subtree with its left sibling.
      while (i % 2 === 1) {
        hash = nodeHash(this.readNode(level, i - 1), hash);
        level += 1;
        i = (i - 1) / 2;
        insertNode.run(level, i, hash);
      }
      return index;
    }).immediate();
  }

  root(size = this.size()): Buffer {
    return rootHash(this.readNode, size);
  }

  entry(index: number): LedgerEntry | null {
    return (this.db.prepare('SELECT idx AS "index", kind, ref, at, body FROM ledger_entries WHERE idx = ?').get(index) as LedgerEntry | undefined) ?? null;
  }

  /** The entry for a trace or audit event id (the first, should a ref repeat). */
  entryByRef(ref: string): LedgerEntry | null {
    return (
      (this.db.prepare('SELECT idx AS "index", kind, ref, at, body FROM ledger_entries WHERE ref = ? ORDER BY idx LIMIT 1').get(ref) as LedgerEntry | undefined) ??
      null
    );
  }

  hasRef(kind: EntryKind, ref: string): boolean {
    return this.db.prepare('SELECT 1 FROM ledger_entries WHERE kind = ? AND ref = ?').get(kind, ref) !== undefined;
  }

  recent(limit: number, offset = 0): LedgerEntry[] {
    return this.db
      .prepare('SELECT idx AS "index", kind, ref, at, body FROM ledger_entries ORDER BY idx DESC LIMIT ? OFFSET ?')
      .all(limit, offset) as LedgerEntry[];
  }

  inclusion(index: number, size: number): Buffer[] {
    return inclusionProof(this.readNode, index, size);
  }

  consistency(first: number, second: number): Buffer[] {
    return consistencyProof(this.readNode, first, second);
  }

  leaf(index: number): Buffer {
    return this.readNode(0, index);
  }
}
