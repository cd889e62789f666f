import { createHash } from 'node:crypto';

/**
 * The Merkle tree of RFC 6962 / RFC 9162 §2.1: leaf = SHA-256(0x00 ‖ data),
 * node = SHA-256(0x01 ‖ left ‖ right), and a tree of n leaves splits at the
 * largest power of two below n. Pure functions over a NodeReader, so the same
 * code serves the stored tree (SQLite) and the tree that `verify` rebuilds in
 * memory from the entries alone.
 */

/**
 * Hash of the perfect subtree at `level` (2^level leaves) starting at leaf
 * index * 2^level. Level 0 is the leaf hashes. Only such complete subtrees are
 * stored; every other subtree hash is derived from O(log n) of them.
 */
export type NodeReader = (level: number, index: number) => Buffer;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

export function sha256(...parts: Buffer[]): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

export const EMPTY_ROOT = sha256();

export function leafHash(data: Buffer | string): Buffer {
  return sha256(LEAF_PREFIX, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return sha256(NODE_PREFIX, left, right);
}

/** Largest power of two strictly below n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

/** MTH(D[a:b]) for a subtree that occurs in the RFC 6962 recursion. */
export function subtreeHash(read: NodeReader, a: number, b: number): Buffer {
  const n = b - a;
  if (n <= 0) return EMPTY_ROOT;
  if (isPowerOfTwo(n) && a % n === 0) return read(Math.log2(n), a / n);
  const k = splitPoint(n);
  return nodeHash(subtreeHash(read, a, a + k), subtreeHash(read, a + k, b));
}

export function rootHash(read: NodeReader, size: number): Buffer {
  return subtreeHash(read, 0, size);
}

/** The audit path PATH(m, D[a:b]) of RFC 6962 §2.1.1, leaf-first. */
function path(read: NodeReader, m: number, a: number, b: number): Buffer[] {
  const n = b - a;
  if (n <= 1) return [];
  const k = splitPoint(n);
  if (m < k) return [...path(read, m, a, a + k), subtreeHash(read, a + k, b)];
  return [...path(read, m - k, a + k, b), subtreeHash(read, a, a + k)];
}

export function inclusionProof(read: NodeReader, index: number, size: number): Buffer[] {
  if (index < 0 || index >= size) throw new RangeError(`leaf ${index} is not in a tree of size ${size}`);
  return path(read, index, 0, size);
}

/** SUBPROOF(m, D[a:b], complete) of RFC 6962 §2.1.2. */
function subproof(read: NodeReader, m: number, a: number, b: number, complete: boolean): Buffer[] {
  const n = b - a;
  if (m === n) return complete ? [] : [subtreeHash(read, a, b)];
  const k = splitPoint(n);
  if (m <= k) return [...subproof(read, m, a, a + k, complete), subtreeHash(read, a + k, b)];
  return [...subproof(read, m - k, a + k, b, false), subtreeHash(read, a, a + k)];
}

export function consistencyProof(read: NodeReader, first: number, second: number): Buffer[] {
  if (first < 0 || first > second) throw new RangeError(`no consistency proof from size ${first} to ${second}`);
  if (first === 0) return [];
  return subproof(read, first, 0, second, true);
}

/** RFC 9162 §2.1.3.2: does `proof` show leaf `index` in the tree of `size` with `root`? */
export function verifyInclusion(leaf: Buffer, index: number, size: number, proof: Buffer[], root: Buffer): boolean {
  if (index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.2: is the tree (second, secondRoot) an append-only extension of (first, firstRoot)? */
export function verifyConsistency(first: number, second: number, proof: Buffer[], firstRoot: Buffer, secondRoot: Buffer): boolean {
  if (first < 0 || first > second) return false;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  // An empty tree is a prefix of every tree; RFC 9162 leaves size 0 out of the protocol.
  if (first === 0) return proof.length === 0;
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  if (path.length === 0) return false;
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return fr.equals(firstRoot) && sr.equals(secondRoot) && sn === 0;
}

/**
 * Every stored (perfect-subtree) node of a tree, built bottom-up from its leaf
 * hashes: levels[0] are the leaves, levels[l][i] covers 2^l leaves.
 */
export function buildLevels(leaves: Buffer[]): Buffer[][] {
  const levels: Buffer[][] = [leaves];
  let current = leaves;
  while (current.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i + 1 < current.length; i += 2) next.push(nodeHash(current[i]!, current[i + 1]!));
    levels.push(next);
    current = next;
  }
  return levels;
}

export function levelsReader(levels: Buffer[][]): NodeReader {
  return (level, index) => {
    const hash = levels[level]?.[index];
    if (!hash) throw new RangeError(`no node at level ${level}, index ${index}`);
    return hash;
  };
}
