import type { Db } from '../db/connection';
import { canonicalJson } from './canonical';
import type { CheckpointRow } from './checkpoints';
import type { EntryBody } from './ledger';
import { buildLevels, leafHash } from './merkle';
import { problem, type Problem } from './problems';

export interface ParsedEntry {
  index: number;
  kind: string;
  ref: string;
  body: EntryBody;
}

export interface EntriesCheck {
  /** The tree size as the stored leaf hashes and entry rows claim it. */
  size: number;
  /** Leaf hashes recomputed from the entry bodies (stored hash where a row is gone). */
  levels: Buffer[][];
  /** The leaf hashes as stored at append time. */
  storedLeaves: Buffer[];
  entries: ParsedEntry[];
  problems: Problem[];
}

/** Where a verification stands, for a progress bar. */
export interface VerifyProgress {
  done: number;
  total: number | null;
  label: string;
}

/** Verification runs as a generator: it yields between chunks so an async driver can let the event loop breathe. */
export type VerifySteps<T> = Generator<VerifyProgress, T, void>;

/** Rows between two yields: small enough to keep the UI responsive, large enough to cost nothing. */
export const VERIFY_CHUNK = 2000;

interface EntryRow {
  idx: number;
  kind: string;
  ref: string;
  at: number;
  body: string;
}

interface NodeRow {
  level: number;
  idx: number;
  hash: Buffer;
}

/**
 * Everything verify compares, read in one read transaction: appends that
 * arrive while the (yielding) verification runs are simply not part of it,
 * instead of showing up as half-seen entries or checkpoints "ahead" of the log.
 */
export interface LedgerSnapshot {
  leaves: NodeRow[];
  innerNodes: NodeRow[];
  rows: EntryRow[];
  checkpoints: CheckpointRow[];
}

export function readSnapshot(db: Db): LedgerSnapshot {
  return db.transaction(() => ({
    leaves: db.prepare('SELECT level, idx, hash FROM ledger_nodes WHERE level = 0 ORDER BY idx').all() as NodeRow[],
    innerNodes: db.prepare('SELECT level, idx, hash FROM ledger_nodes WHERE level > 0 ORDER BY level, idx').all() as NodeRow[],
    rows: db.prepare('SELECT idx, kind, ref, at, body FROM ledger_entries ORDER BY idx').all() as EntryRow[],
    checkpoints: db.prepare('SELECT * FROM ledger_checkpoints ORDER BY seq').all() as CheckpointRow[],
  }))();
}

/**
 * Recomputes every leaf from the stored entry bodies alone and compares it with
 * the hashes recorded at append time: an edited, deleted or reordered row is
 * named here by its index.
 */
export function* checkEntries(snapshot: LedgerSnapshot): VerifySteps<EntriesCheck> {
  const stored: Buffer[] = [];
  for (const n of snapshot.leaves) stored[n.idx] = n.hash;
  const rows = snapshot.rows;
  const size = Math.max(stored.length, (rows.at(-1)?.idx ?? -1) + 1);
  const leaves: Buffer[] = [];
  const entries: ParsedEntry[] = [];
  const problems: Problem[] = [];
  const missing = (from: number, to: number): void => {
    for (let j = from; j < to; j++) {
      problems.push(problem('ENTRY_MISSING', `Entry ${j} is missing: its row was deleted from the ledger.`, j));
      leaves[j] = stored[j] ?? Buffer.alloc(32);
    }
  };
  let expected = 0;
  let seen = 0;
  for (const row of rows) {
    if (++seen % VERIFY_CHUNK === 0) yield { done: seen, total: rows.length, label: 'Recomputing entry hashes' };
    if (row.idx < expected) continue; // negative or duplicate indexes cannot occur in an INTEGER PRIMARY KEY past 0
    missing(expected, row.idx);
    expected = row.idx + 1;
    const leaf = leafHash(row.body);
    leaves[row.idx] = leaf;
    let body: EntryBody;
    try {
      body = JSON.parse(row.body) as EntryBody;
    } catch {
      problems.push(problem('ENTRY_MODIFIED', `Entry ${row.idx} was edited: its body is no longer valid JSON.`, row.idx));
      continue;
    }
    if (body.index !== row.idx) {
      problems.push(problem('ENTRY_MISORDERED', `Entry ${row.idx} holds the content recorded as entry ${String(body.index)}: rows were moved or reordered.`, row.idx));
      continue;
    }
    const storedLeaf = stored[row.idx];
    if (canonicalJson(body) !== row.body || !storedLeaf || !storedLeaf.equals(leaf)) {
      problems.push(problem('ENTRY_MODIFIED', `Entry ${row.idx} (${row.kind} ${row.ref}) was edited: its content no longer matches the hash recorded when it was appended.`, row.idx));
      continue;
    }
    if (body.kind !== row.kind || body.ref !== row.ref || body.at !== row.at) {
      problems.push(problem('ENTRY_MODIFIED', `Entry ${row.idx} was edited: its kind, ref or time columns differ from its committed body.`, row.idx));
      continue;
    }
    entries.push({ index: row.idx, kind: row.kind, ref: row.ref, body });
  }
  yield { done: rows.length, total: rows.length, label: 'Recomputing entry hashes' };
  missing(expected, size);
  for (let j = 0; j < size; j++) stored[j] ??= Buffer.alloc(32);
  yield { done: 0, total: null, label: 'Rebuilding the tree' };
  return { size, levels: buildLevels(leaves), storedLeaves: stored, entries, problems };
}

/**
 * Stored inner nodes that disagree with the stored leaf hashes: someone
 * rewrote the tree's hashes, not only its rows. (Rows that disagree with their
 * leaf hashes are named by checkEntries.)
 */
export function checkStoredNodes(innerNodes: NodeRow[], storedLeaves: Buffer[]): Problem[] {
  const levels = buildLevels(storedLeaves);
  const problems: Problem[] = [];
  for (const n of innerNodes) {
    const expected = levels[n.level]?.[n.idx];
    if (!expected || !expected.equals(n.hash)) {
      const first = n.idx * 2 ** n.level;
      const last = first + 2 ** n.level - 1;
      problems.push(problem('TREE_MISMATCH', `The stored tree hash over entries ${first}–${last} does not match those entries.`, first));
    }
  }
  return problems;
}
