import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_ROOT,
  buildLevels,
  consistencyProof,
  inclusionProof,
  leafHash,
  levelsReader,
  rootHash,
  verifyConsistency,
  verifyInclusion,
} from '../../electron/core/ledger/merkle';

// The reference tree of Certificate Transparency's merkle_tree_test (also in
// Trillian's rfc6962 tests): eight leaves, the roots of every prefix, and the
// published audit paths and consistency proofs.
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => Buffer.from(h, 'hex'));
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const INCLUSION = [
  { index: 0, size: 1, path: [] },
  { index: 0, size: 8, path: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { index: 5, size: 8, path: ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
  { index: 2, size: 3, path: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  { index: 1, size: 5, path: ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'] },
];
const CONSISTENCY = [
  { first: 1, second: 1, proof: [] },
  { first: 1, second: 8, proof: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { first: 6, second: 8, proof: ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
  { first: 2, second: 5, proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'] },
];

const hex = (b: Buffer) => b.toString('hex');
const unhex = (h: string) => Buffer.from(h, 'hex');
const leafHashes = LEAVES.map((l) => leafHash(l));
const reader = levelsReader(buildLevels(leafHashes));

/** MTH straight from RFC 6962 §2.1, written independently of the code under test. */
function referenceRoot(data: Buffer[]): Buffer {
  const h = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
  if (data.length === 0) return h();
  if (data.length === 1) return h(Buffer.from([0]), data[0]!);
  let k = 1;
  while (k * 2 < data.length) k *= 2;
  return h(Buffer.from([1]), referenceRoot(data.slice(0, k)), referenceRoot(data.slice(k)));
}

describe('RFC 6962 Merkle tree', () => {
  it('has the empty root SHA-256("") and the published root for every prefix of the reference tree', () => {
    expect(hex(EMPTY_ROOT)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(rootHash(reader, 0))).toBe(hex(EMPTY_ROOT));
    for (let n = 1; n <= 8; n++) {
      expect(hex(rootHash(reader, n)), `size ${n}`).toBe(ROOTS[n - 1]);
      expect(hex(referenceRoot(LEAVES.slice(0, n))), `reference size ${n}`).toBe(ROOTS[n - 1]);
    }
  });

  it('produces and verifies the published inclusion proofs', () => {
    for (const v of INCLUSION) {
      const proof = inclusionProof(reader, v.index, v.size);
      expect(proof.map(hex), `leaf ${v.index} of ${v.size}`).toEqual(v.path);
      expect(verifyInclusion(leafHashes[v.index]!, v.index, v.size, v.path.map(unhex), unhex(ROOTS[v.size - 1]!))).toBe(true);
    }
  });

  it('produces and verifies the published consistency proofs', () => {
    for (const v of CONSISTENCY) {
      expect(consistencyProof(reader, v.first, v.second).map(hex), `${v.first} → ${v.second}`).toEqual(v.proof);
      expect(verifyConsistency(v.first, v.second, v.proof.map(unhex), unhex(ROOTS[v.first - 1]!), unhex(ROOTS[v.second - 1]!))).toBe(true);
    }
  });

  it('proves every leaf and every pair of sizes in trees up to 40 leaves, and rejects altered proofs', () => {
    const leaves = Array.from({ length: 40 }, (_, i) => leafHash(Buffer.from([i, i * 3])));
    const r = levelsReader(buildLevels(leaves));
    for (let size = 1; size <= leaves.length; size++) {
      const root = rootHash(r, size);
      expect(hex(root)).toBe(hex(referenceRoot(Array.from({ length: size }, (_, i) => Buffer.from([i, i * 3])))));
      for (let i = 0; i < size; i++) {
        const proof = inclusionProof(r, i, size);
        expect(verifyInclusion(leaves[i]!, i, size, proof, root)).toBe(true);
        expect(verifyInclusion(leaves[(i + 1) % size]!, i, size, proof, root) && size > 1).toBe(false);
        if (proof.length) {
          const bent = proof.map((p, j) => (j === 0 ? Buffer.from(p.map((b, k) => (k === 0 ? b ^ 1 : b))) : p));
          expect(verifyInclusion(leaves[i]!, i, size, bent, root)).toBe(false);
        }
      }
      for (let first = 1; first <= size; first++) {
        const proof = consistencyProof(r, first, size);
        expect(verifyConsistency(first, size, proof, rootHash(r, first), root), `${first} → ${size}`).toBe(true);
        if (first < size) expect(verifyConsistency(first, size, proof, rootHash(r, first), rootHash(r, size - 1))).toBe(false);
      }
    }
  });
});
