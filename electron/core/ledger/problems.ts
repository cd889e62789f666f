/** What verify can find wrong, each tied to the first entry it concerns where there is one. */
export type ProblemCode =
  | 'ENTRY_MISSING'
  | 'ENTRY_MODIFIED'
  | 'ENTRY_MISORDERED'
  | 'TREE_MISMATCH'
  | 'CHECKPOINT_BAD_SIGNATURE'
  | 'CHECKPOINT_UNKNOWN_KEY'
  | 'CHECKPOINT_MISMATCH'
  | 'CHECKPOINT_AHEAD'
  | 'CHECKPOINT_INCONSISTENT'
  | 'SOURCE_MODIFIED'
  | 'SOURCE_MISSING'
  | 'SOURCE_UNRECORDED';

export interface Problem {
  code: ProblemCode;
  /** The ledger entry (leaf index) at fault, when one can be named. */
  entry: number | null;
  /** The checkpoint (seq) concerned, if any. */
  checkpoint: number | null;
  message: string;
}

export function problem(code: ProblemCode, message: string, entry: number | null = null, checkpoint: number | null = null): Problem {
  return { code, entry, checkpoint, message };
}
