// Every case of ../shared/testdata/rfc9162 (transparency-dev/merkle's verifier vectors). Contract under test:
// the verifiers return true for wantErr:false and false for wantErr:true, and never throw.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { leafHash, treeHasher } from './merkle-hash.js';
import { verifyConsistency, verifyInclusion } from './merkle-verify.js';
import { MemorySubtreeStore } from './subtree-store.js';

const ROOT = path.resolve(import.meta.dirname, '../../../../test/fixtures/rfc9162');
const h = treeHasher('sha256');

/** Every .json file under a directory, recursively, sorted for stable test names. */
function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => f.endsWith('.json'))
    .sort();
}

/** base64 field → bytes (null → empty, as Go decodes a JSON null []byte). */
const b64 = (s: string | null): Buffer => Buffer.from(s ?? '', 'base64');
/** base64 proof → hashes (a JSON null proof is the empty proof). */
const proofOf = (p: string[] | null): Buffer[] => (p ?? []).map(b64);

interface InclusionCase {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  wantErr: boolean;
}
interface ConsistencyCase {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  wantErr: boolean;
}

/** Parses a vector file. Indices like 2^64−1 become unsafe doubles, which the verifiers must reject. */
function load<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

const inclusionFiles = walk(path.join(ROOT, 'inclusion'));
const consistencyFiles = walk(path.join(ROOT, 'consistency'));

describe('RFC 9162 verifier vectors', () => {
  it('finds the vector files (the suite cannot pass vacuously)', () => {
    expect(inclusionFiles.length).toBeGreaterThan(50);
    expect(consistencyFiles.length).toBeGreaterThan(50);
  });

  it.each(inclusionFiles.map((f) => [path.relative(ROOT, f), f]))('%s', (_name, file) => {
    const c = load<InclusionCase>(file);
    const run = () =>
      verifyInclusion(h, c.leafIdx, c.treeSize, b64(c.leafHash), proofOf(c.proof), b64(c.root));
    expect(run).not.toThrow();
    expect(run()).toBe(!c.wantErr);
  });

  it.each(consistencyFiles.map((f) => [path.relative(ROOT, f), f]))('%s', (_name, file) => {
    const c = load<ConsistencyCase>(file);
    const run = () => verifyConsistency(h, c.size1, c.size2, b64(c.root1), b64(c.root2), proofOf(c.proof));
    expect(run).not.toThrow();
    expect(run()).toBe(!c.wantErr);
  });
});

// The vectors' trees are built from RFC 6962's reference leaves, so our generated proofs must equal theirs.
const REFERENCE_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((hex) => Buffer.from(hex, 'hex'));

describe('generated proofs equal the vectors', () => {
  const store = new MemorySubtreeStore(h);
  for (const leaf of REFERENCE_LEAVES) store.appendLeaf(leaf);

  it('reproduces every happy-path inclusion proof byte for byte', () => {
    let matched = 0;
    for (const file of inclusionFiles.filter((f) => f.endsWith('happy-path.json'))) {
      const c = load<InclusionCase>(file);
      if (c.treeSize > store.size || !store.root(c.treeSize).equals(b64(c.root))) continue;
      expect(leafHash(h, REFERENCE_LEAVES[c.leafIdx] as Buffer)).toEqual(b64(c.leafHash));
      expect(store.inclusionProof(c.leafIdx, c.treeSize)).toEqual(proofOf(c.proof));
      matched++;
    }
    expect(matched).toBeGreaterThanOrEqual(5);
  });

  it('reproduces every happy-path consistency proof byte for byte', () => {
    let matched = 0;
    for (const file of consistencyFiles.filter((f) => f.endsWith('happy-path.json'))) {
      const c = load<ConsistencyCase>(file);
      expect(store.root(c.size1)).toEqual(b64(c.root1));
      expect(store.root(c.size2)).toEqual(b64(c.root2));
      expect(store.consistencyProof(c.size1, c.size2)).toEqual(proofOf(c.proof));
      matched++;
    }
    expect(matched).toBeGreaterThanOrEqual(5);
  });
});
