import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeBase64,
  parseCheckpoint,
  parseNote,
  treeHasher,
  verifyConsistency,
  verifyInclusion,
} from '../../src/modules/evidence/index.js';
import { testEngines } from '../support/engines.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { dropLedgerTriggers, recordEvents } from './ledger-helpers.js';

// Proofs read the tree's upper levels from memory once the first proof has filled the cache (node-cache.ts): the
// proofs served from it verify against the signed roots, and they keep being served from it when the stored
// upper nodes are gone — which a server reading them from the database could not do.

const engines = await testEngines();
const bytes = (b64: string) => decodeBase64(b64)!;

describe.each(engines)('proofs from the upper-node cache on %s', (engine) => {
  let t: TestPlatform;
  let size: number;
  let root: Uint8Array;
  const h = treeHasher('sha256');
  const service = () => t.platform.ledgerService;
  const db = () => t.platform.db.kysely;

  const checkAll = async () => {
    for (let i = 0; i < size; i += 7) {
      const p = await service().inclusion({ index: String(i), treeSize: String(size) });
      expect(p.rootHash).toBe(Buffer.from(root).toString('base64'));
      const proof = p.proof.map(bytes);
      expect(verifyInclusion(h, i, size, bytes(p.leafHash), proof, root)).toBe(true);
    }
    for (const first of [1, 5, 64, 100, size - 1]) {
      const c = await service().consistency({ first: String(first), second: String(size) });
      const proof = c.proof.map(bytes);
      expect(verifyConsistency(h, first, size, bytes(c.firstRoot), bytes(c.secondRoot), proof)).toBe(true);
      expect(c.secondRoot).toBe(Buffer.from(root).toString('base64'));
    }
  };

  beforeAll(async () => {
    t = await startTestPlatform(engine, { env: { ORDERLY_CHECKPOINT_INTERVAL_MS: '0' } });
    await recordEvents(t, 150);
    const cp = (await t.platform.ledger.flush())!;
    size = cp.size;
    root = parseCheckpoint(parseNote(cp.note).text).rootHash;
  });
  afterAll(async () => t.close());

  it('serves proofs that verify, before and after the cache is filled', async () => {
    await checkAll();
    // The fill runs after the first proof without being awaited; give it a moment, then check again.
    await new Promise((r) => setTimeout(r, 200));
    await checkAll();
  });

  it('keeps serving the upper levels from memory when the stored nodes are gone', async () => {
    await dropLedgerTriggers(t, engine);
    const removed = await sql`delete from ledger_nodes where level >= 1`.execute(db());
    expect(Number(removed.numAffectedRows)).toBeGreaterThan(100);
    await checkAll();
  });
});
