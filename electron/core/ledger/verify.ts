import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { Ledger } from './ledger';
import { levelsReader, rootHash } from './merkle';
import type { Problem } from './problems';
import { checkCheckpoints } from './verifyCheckpoints';
import { checkEntries, checkStoredNodes, readSnapshot, type VerifyProgress, type VerifySteps } from './verifyEntries';
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
 * A generator, so the same steps run at once (verifyLedger) or as a job that
 * yields to the event loop between chunks (verifyLedgerAsync).
 */
function* verifySteps(db: Db, clock: Clock, ledger: Ledger): VerifySteps<VerifyReport> {
  const checkedAt = clock.now();
  const snapshot = readSnapshot(db);
  const entries = yield* checkEntries(snapshot);
  yield { done: 0, total: snapshot.checkpoints.length, label: 'Checking signed checkpoints' };
  const entryProblems = [...entries.problems, ...checkStoredNodes(snapshot.innerNodes, entries.storedLeaves)];
  const checkpointProblems = checkCheckpoints(db, ledger.origin(), snapshot.checkpoints, entries, entryProblems);
  yield { done: snapshot.checkpoints.length, total: snapshot.checkpoints.length, label: 'Checking signed checkpoints' };
  const sourceProblems = yield* checkSources(db, entries.entries);
  const problems = [...entryProblems, ...sourceProblems, ...checkpointProblems].sort(byEntry);
  const firstBadEntry = problems.find((p) => p.entry !== null)?.entry ?? null;
  const checkpointCount = snapshot.checkpoints.length;
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

/** Verifies in one go (tests, small ledgers). */
export function verifyLedger(db: Db, clock: Clock, ledger: Ledger): VerifyReport {
  const steps = verifySteps(db, clock, ledger);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Verifies while the rest of the process keeps running: between chunks it
 * reports progress and yields to the event loop, so progress events reach the
 * UI and other calls are served. `beforeChunk` may throw to cancel; a cancelled
 * run records nothing.
 */
export async function verifyLedgerAsync(db: Db, clock: Clock, ledger: Ledger, onProgress: (p: VerifyProgress) => void, beforeChunk: () => void = () => undefined): Promise<VerifyReport> {
  const steps = verifySteps(db, clock, ledger);
  for (;;) {
    beforeChunk();
    const step = steps.next();
    if (step.done) return step.value;
    onProgress(step.value);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
