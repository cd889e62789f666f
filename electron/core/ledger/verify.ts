import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { Ledger } from './ledger';
import { levelsReader, rootHash } from './merkle';
import type { Problem } from './problems';
import { checkCheckpoints } from './verifyCheckpoints';
import { checkEntries, checkStoredNodes } from './verifyEntries';
import { checkSources } from './verifySources';

export interface VerifyReport {
  ok: boolean;
  checkedAt: number;
  size: number;
  rootHash: string;
  checkpoints: number;
  firstBadEntry: number | null;
  /** One sentence: all good, or the first thing wrong. */
  summary: string;
  problemCount: number;
  /** The first problems, entry order first (capped so a wrecked ledger still prints). */
  problems: Problem[];
}

const MAX_LISTED = 200;

function byEntry(a: Problem, b: Problem): number {
  return (a.entry ?? Number.MAX_SAFE_INTEGER) - (b.entry ?? Number.MAX_SAFE_INTEGER);
}

/**
 * Recomputes the whole tree from the stored entries, checks every checkpoint
 * signature and the consistency between checkpoints, and compares the source
 * tables with what the ledger committed. Records the result for the status bar.
 */
export function verifyLedger(db: Db, clock: Clock, ledger: Ledger): VerifyReport {
  const checkedAt = clock.now();
  const entries = checkEntries(db);
  const entryProblems = [...entries.problems, ...checkStoredNodes(db, entries.storedLeaves)];
  const checkpointProblems = checkCheckpoints(db, ledger.origin(), entries, entryProblems);
  const sourceProblems = checkSources(db, entries.entries);
  const problems = [...entryProblems, ...sourceProblems, ...checkpointProblems].sort(byEntry);
  const firstBadEntry = problems.find((p) => p.entry !== null)?.entry ?? null;
  const checkpointCount = (db.prepare('SELECT count(*) FROM ledger_checkpoints').pluck().get() as number);
  const first = problems[0];
  const summary = first
    ? `${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length === 2 ? '' : 's'})` : ''}`
    : `All ${entries.size} entries and ${checkpointCount} checkpoint${checkpointCount === 1 ? '' : 's'} verified.`;
  const report: VerifyReport = {
    ok: problems.length === 0,
    checkedAt,
    size: entries.size,
    // Recomputed from the entries: the stored tree may be the damaged part.
    rootHash: rootHash(levelsReader(entries.levels), entries.size).toString('hex'),
    checkpoints: checkpointCount,
    firstBadEntry,
    summary,
    problemCount: problems.length,
    problems: problems.slice(0, MAX_LISTED),
  };
  db.prepare('INSERT INTO ledger_verifications (at, ok, size, checkpoints, first_bad_entry, problem_count, summary) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    checkedAt,
    report.ok ? 1 : 0,
    report.size,
    report.checkpoints,
    firstBadEntry,
    problems.length,
    summary,
  );
  return report;
}
