import { TriadError } from '../../../shared/errors';
import type { CheckpointRow, Checkpoints } from './checkpoints';
import type { EntryBody, Ledger, LedgerEntry } from './ledger';
import { leafHash, verifyConsistency, verifyInclusion } from './merkle';
import { parseCheckpointText, splitNote } from './signedNote';

export interface InclusionProof {
  entry: { index: number; kind: string; ref: string; at: number; body: EntryBody };
  leafHash: string;
  treeSize: number;
  rootHash: string;
  /** Sibling hashes from the leaf up (RFC 9162 §2.1.3). */
  proof: string[];
  /** Checked here against the root before it is handed out. */
  verified: boolean;
  /** The signed checkpoint the proof is against; null when no checkpoint covers the entry yet. */
  checkpoint: { seq: number; size: number; at: number; note: string } | null;
}

export interface ConsistencyProof {
  fromSize: number;
  toSize: number;
  fromRoot: string;
  toRoot: string;
  proof: string[];
  verified: boolean;
}

const hex = (b: Buffer): string => b.toString('hex');

function signedRoot(cp: CheckpointRow): Buffer {
  const note = splitNote(cp.note);
  const body = note ? parseCheckpointText(note.text) : null;
  if (!body) throw new TriadError('INTERNAL', `Checkpoint ${cp.seq} is damaged.`, 'Run `triad ledger verify`.');
  return body.rootHash;
}

/** `ENTRY` as users give it: a leaf index, or the id of a trace or audit event. */
export function findEntry(ledger: Ledger, ref: string): LedgerEntry {
  const entry = /^\d+$/.test(ref) ? ledger.entry(Number(ref)) : ledger.entryByRef(ref);
  if (!entry) {
    throw new TriadError('NOT_FOUND', `No ledger entry "${ref}".`, `Give an entry number below ${ledger.size()}, or the id of a trace or audit event.`);
  }
  return entry;
}

export function inclusionProof(ledger: Ledger, checkpoints: Checkpoints, ref: string): InclusionProof {
  const entry = findEntry(ledger, ref);
  const cp = checkpoints.covering(entry.index);
  const size = cp ? cp.size : ledger.size();
  const root = cp ? signedRoot(cp) : ledger.root(size);
  const proof = ledger.inclusion(entry.index, size);
  const leaf = leafHash(entry.body);
  return {
    entry: { index: entry.index, kind: entry.kind, ref: entry.ref, at: entry.at, body: JSON.parse(entry.body) as EntryBody },
    leafHash: hex(leaf),
    treeSize: size,
    rootHash: hex(root),
    proof: proof.map(hex),
    verified: verifyInclusion(leaf, entry.index, size, proof, root),
    checkpoint: cp ? { seq: cp.seq, size: cp.size, at: cp.at, note: cp.note } : null,
  };
}

/** Between two checkpoints (by seq), proving the later one extends the earlier. */
export function consistencyBetween(ledger: Ledger, checkpoints: Checkpoints, fromSeq: number, toSeq: number): ConsistencyProof {
  const from = checkpoints.get(fromSeq);
  const to = checkpoints.get(toSeq);
  if (!from || !to) throw new TriadError('NOT_FOUND', `No checkpoint ${from ? toSeq : fromSeq}.`, 'List them with `triad ledger checkpoints`.');
  if (from.size > to.size) throw new TriadError('BAD_INPUT', `Checkpoint ${fromSeq} is larger than checkpoint ${toSeq}.`, 'Give the earlier checkpoint first.');
  const proof = ledger.consistency(from.size, to.size);
  const fromRoot = signedRoot(from);
  const toRoot = signedRoot(to);
  return {
    fromSize: from.size,
    toSize: to.size,
    fromRoot: hex(fromRoot),
    toRoot: hex(toRoot),
    proof: proof.map(hex),
    verified: verifyConsistency(from.size, to.size, proof, fromRoot, toRoot),
  };
}
