// The console's RFC 9162 inclusion verifier (web/src/evidence/merkle-verify.ts, WebCrypto SHA-256 or the
// console's SM3) against the platform's proofs for every index of trees up to 70 leaves, against tampering,
// and against every inclusion case of the transparency-dev vectors the platform's own verifier passes.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  leafHash as kernelLeafHash,
  MemorySubtreeStore,
  treeHasher,
} from '../../src/modules/evidence/index.js';
import { decodeBase64, equalBytes, utf8 } from '../../web/src/evidence/bytes.js';
import { hasherFor, type HashAlg } from '../../web/src/evidence/hash.js';
import { leafHash, rootFromInclusion, verifyInclusion } from '../../web/src/evidence/merkle-verify.js';

const VECTORS = path.resolve(import.meta.dirname, '../fixtures/rfc9162/inclusion');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => f.endsWith('.json'))
    .sort();
}

describe.each<HashAlg>(['sha256', 'sm3'])('browser inclusion verification (%s)', (alg) => {
  const h = hasherFor(alg);
  const kh = treeHasher(alg);
  const store = new MemorySubtreeStore(kh);
  for (let i = 0; i < 70; i++) store.append(kernelLeafHash(kh, utf8(`leaf ${i}`)));

  it('hashes leaves as the platform does', async () => {
    expect(equalBytes(await leafHash(h, utf8('leaf 3')), kernelLeafHash(kh, utf8('leaf 3')))).toBe(true);
  });

  it('accepts the platform proof of every leaf of every size, and nothing else', async () => {
    for (const size of [1, 2, 3, 5, 7, 8, 9, 16, 17, 31, 64, 70]) {
      const root = store.root(size);
      for (let i = 0; i < size; i++) {
        const leaf = store.hashAt(0, i);
        const proof = store.inclusionProof(i, size);
        expect(await verifyInclusion(h, i, size, leaf, proof, root)).toBe(true);
        if (size > 1) {
          expect(await verifyInclusion(h, (i + 1) % size, size, leaf, proof, root)).toBe(false);
          expect(await verifyInclusion(h, i, size, store.hashAt(0, (i + 1) % size), proof, root)).toBe(false);
        }
        if (proof.length > 0) {
          const bent = proof.map((p, k) => (k === proof.length - 1 ? Buffer.alloc(32, 7) : p));
          expect(await verifyInclusion(h, i, size, leaf, bent, root)).toBe(false);
          expect(await verifyInclusion(h, i, size, leaf, proof.slice(1), root)).toBe(false);
        }
        expect(await verifyInclusion(h, i, size, leaf, [...proof, Buffer.alloc(32)], root)).toBe(false);
      }
    }
  });

  it('rejects impossible sizes, indices and hash lengths without throwing', async () => {
    const leaf = store.hashAt(0, 0);
    const proof = store.inclusionProof(0, 4);
    const root = store.root(4);
    expect(await rootFromInclusion(h, 4, 4, leaf, proof)).toBeNull();
    expect(await rootFromInclusion(h, -1, 4, leaf, proof)).toBeNull();
    expect(await rootFromInclusion(h, 0, 2 ** 64 - 1, leaf, proof)).toBeNull();
    expect(await rootFromInclusion(h, 0, 4, leaf.subarray(1), proof)).toBeNull();
    expect(await verifyInclusion(h, 0, 4, leaf, [proof[0]!.subarray(0, 31), proof[1]!], root)).toBe(false);
  });
});

describe('transparency-dev RFC 9162 inclusion vectors in the browser verifier', () => {
  const files = walk(VECTORS);
  const b64 = (s: string | null) => decodeBase64(s ?? '') ?? new Uint8Array(0);

  it('finds the vector files (the suite cannot pass vacuously)', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('agrees with wantErr on every case', async () => {
    const h = hasherFor('sha256');
    for (const file of files) {
      const c = JSON.parse(readFileSync(file, 'utf8')) as {
        leafIdx: number;
        treeSize: number;
        root: string;
        leafHash: string;
        proof: string[] | null;
        wantErr: boolean;
      };
      const ok = await verifyInclusion(
        h,
        c.leafIdx,
        c.treeSize,
        b64(c.leafHash),
        (c.proof ?? []).map(b64),
        b64(c.root),
      );
      expect({ file: path.relative(VECTORS, file), ok }).toEqual({
        file: path.relative(VECTORS, file),
        ok: !c.wantErr,
      });
    }
  });
});
