import type { Db } from '../db/connection';
import type { CheckpointRow } from './checkpoints';
import { consistencyProof, levelsReader, rootHash, verifyConsistency, buildLevels } from './merkle';
import { problem, type Problem } from './problems';
import { parseCheckpointText, splitNote, verifyNoteSignature, type NoteSignature } from './signedNote';
import type { EntriesCheck } from './verifyEntries';

interface KeyRow {
  id: string;
  name: string;
  public_key: string;
}

/** Public keys as the ledger itself recorded them (key.create / key.rotate events). */
function keysInLedger(check: EntriesCheck): Map<string, { publicKey: string; entry: number }> {
  const keys = new Map<string, { publicKey: string; entry: number }>();
  for (const e of check.entries) {
    const r = e.body.record;
    if (e.kind !== 'audit' || (r.action !== 'key.create' && r.action !== 'key.rotate')) continue;
    const after = r.after as { keyId?: unknown; publicKey?: unknown } | null;
    if (typeof after?.keyId === 'string' && typeof after.publicKey === 'string') keys.set(after.keyId, { publicKey: after.publicKey, entry: e.index });
  }
  return keys;
}

/**
 * Signature lines after the installation's: users who co-signed the checkpoint
 * (`triad ledger cosign`). Each must verify with a key the ledger recorded,
 * retired keys included, so a co-signature outlives its signer's rotation.
 */
function checkCosignatures(seq: number, text: string, cosignatures: NoteSignature[], keys: KeyRow[], recorded: Map<string, { publicKey: string }>): Problem[] {
  const problems: Problem[] = [];
  for (const sig of cosignatures) {
    const key = keys.find((k) => k.name === sig.name && verifyNoteSignature(text, sig, Buffer.from(k.public_key, 'base64')));
    if (!key) {
      problems.push(problem('CHECKPOINT_BAD_SIGNATURE', `Checkpoint ${seq} carries a co-signature by "${sig.name}" that does not verify with any key of this workspace.`, null, seq));
    } else if (recorded.get(key.id)?.publicKey !== key.public_key) {
      problems.push(problem('CHECKPOINT_UNKNOWN_KEY', `Checkpoint ${seq} is co-signed by key ${key.id.slice(0, 16)}…, whose public key the ledger never recorded.`, null, seq));
    }
  }
  return problems;
}

function firstEntryProblemBelow(problems: Problem[], size: number): number | null {
  const entries = problems.map((p) => p.entry).filter((e): e is number => e !== null && e < size);
  return entries.length ? Math.min(...entries) : null;
}

/**
 * Every checkpoint: its signature (by a key the ledger recorded), its root
 * against the tree recomputed from the entries, and its consistency with the
 * checkpoint before it (an RFC 9162 consistency proof between the signed roots).
 */
export function checkCheckpoints(db: Db, origin: string, checkpoints: CheckpointRow[], check: EntriesCheck, entryProblems: Problem[]): Problem[] {
  const problems: Problem[] = [];
  const keys = db.prepare('SELECT id, name, public_key FROM signing_keys').all() as KeyRow[];
  const recorded = keysInLedger(check);
  const recomputed = levelsReader(check.levels);
  const stored = levelsReader(buildLevels(check.storedLeaves));
  let previous: { seq: number; size: number; root: Buffer } | null = null;
  for (const cp of checkpoints) {
    const note = splitNote(cp.note);
    const body = note ? parseCheckpointText(note.text) : null;
    if (!note || !body) {
      problems.push(problem('CHECKPOINT_MISMATCH', `Checkpoint ${cp.seq} is not a well-formed signed checkpoint.`, null, cp.seq));
      continue;
    }
    if (body.origin !== origin || body.size !== cp.size || body.rootHash.toString('hex') !== cp.root_hash) {
      problems.push(problem('CHECKPOINT_MISMATCH', `Checkpoint ${cp.seq} was edited: its row disagrees with its signed text.`, null, cp.seq));
    }
    const signature = note.signatures[0]!;
    const key = keys.find((k) => k.name === signature.name && verifyNoteSignature(note.text, signature, Buffer.from(k.public_key, 'base64')));
    if (!key) {
      const named = keys.some((k) => k.name === signature.name);
      problems.push(
        named
          ? problem('CHECKPOINT_BAD_SIGNATURE', `Checkpoint ${cp.seq} (size ${body.size}) has a signature that does not verify: its text was changed after signing.`, null, cp.seq)
          : problem('CHECKPOINT_UNKNOWN_KEY', `Checkpoint ${cp.seq} is signed by "${signature.name}", which is not a key of this workspace.`, null, cp.seq),
      );
      continue;
    }
    const inLedger = recorded.get(key.id);
    if (!inLedger || inLedger.publicKey !== key.public_key) {
      problems.push(problem('CHECKPOINT_UNKNOWN_KEY', `Checkpoint ${cp.seq} is signed by key ${key.id.slice(0, 16)}…, whose public key the ledger never recorded.`, null, cp.seq));
      continue;
    }
    problems.push(...checkCosignatures(cp.seq, note.text, note.signatures.slice(1), keys, recorded));
    if (body.size > check.size) {
      problems.push(problem('CHECKPOINT_AHEAD', `Checkpoint ${cp.seq} covers ${body.size} entries but the ledger holds ${check.size}: entries from ${check.size} on were deleted.`, check.size, cp.seq));
      continue;
    }
    if (!rootHash(recomputed, body.size).equals(body.rootHash)) {
      const first = firstEntryProblemBelow(entryProblems, body.size);
      problems.push(
        problem(
          'CHECKPOINT_MISMATCH',
          first === null
            ? `The entries below ${body.size} no longer match signed checkpoint ${cp.seq}: they were rewritten together with their hashes.`
            : `The entries below ${body.size} no longer match signed checkpoint ${cp.seq}; the first changed entry is ${first}.`,
          first,
          cp.seq,
        ),
      );
    }
    if (previous) {
      const ok =
        previous.size <= body.size &&
        verifyConsistency(previous.size, body.size, consistencyProof(stored, previous.size, body.size), previous.root, body.rootHash);
      if (!ok) {
        problems.push(problem('CHECKPOINT_INCONSISTENT', `Checkpoint ${cp.seq} is not an append-only extension of checkpoint ${previous.seq}: history was rewritten between them.`, null, cp.seq));
      }
    }
    previous = { seq: cp.seq, size: body.size, root: body.rootHash };
  }
  return problems;
}
