import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, systemContext, type RequestContext } from '../../src/kernel/index.js';
import { encodeBase64, type LedgerAuditPort } from '../../src/modules/evidence/index.js';
import { testEngines } from '../support/engines.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { recordEvents } from './ledger-helpers.js';

// Proofs by leaf hash find the leaf through an index on (index partition, the hash's first 8 bytes) (migration
// 20261130_0200_evidence_leaf_hash_partitions): a leaf is found in whichever partition it lies, and a row that
// shares the prefix but not the hash must never be taken for the leaf, on either engine.

const engines = await testEngines();

describe.each(engines)('leaf lookups by hash, and listings by action, on %s', (engine) => {
  let t: TestPlatform;
  let size: number;
  let hashes: Buffer[];
  const db = () => t.platform.db.kysely;

  beforeAll(async () => {
    t = await startTestPlatform(engine, { env: { ORDERLY_CHECKPOINT_INTERVAL_MS: '0' } });
    await recordEvents(t, 5);
    size = (await t.platform.ledger.flush())!.size;
    hashes = (
      await sql<{ leaf_hash: Buffer }>`select leaf_hash from ledger_leaves order by idx`.execute(db())
    ).rows.map((r) => Buffer.from(r.leaf_hash));
  });
  afterAll(async () => t.close());

  it('finds each leaf by its hash', async () => {
    for (const [i, hash] of hashes.entries()) {
      const p = await t.platform.ledgerService.inclusion({ leafHash: encodeBase64(hash), treeSize: size });
      expect(p.leafIndex).toBe(i);
      expect(p.leafHash).toBe(encodeBase64(hash));
    }
  });

  it('does not take a row with the same 8-byte prefix for the leaf', async () => {
    const target = hashes[2]!;
    // A decoy sharing the first 8 bytes, stored before the real leaf would be found by index order.
    const decoy = Buffer.concat([target.subarray(0, 8), Buffer.alloc(24, 0xab)]);
    const lookalike = Buffer.concat([target.subarray(0, 8), Buffer.alloc(24, 0xcd)]);
    await sql`insert into ledger_leaves (idx, event_id, leaf_hash)
      values (${-5}, ${'decoy-event'}, ${decoy})`.execute(db());
    const p = await t.platform.ledgerService.inclusion({ leafHash: encodeBase64(target), treeSize: size });
    expect(p.leafIndex).toBe(2);
    await expect(
      t.platform.ledgerService.inclusion({ leafHash: encodeBase64(lookalike), treeSize: size }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('finds leaves in every partition of the index (4,096 leaves each), and a decoy in a later one is refused', async () => {
    // Grow the log past two partition boundaries through the audit port's batch path.
    const port = t.platform.audit as LedgerAuditPort;
    for (let k = 0; k < 3; k++) {
      const events = Array.from({ length: 3000 }, (_, i) => ({
        action: 'test.partition',
        subjectType: 'test',
        subjectId: `p${k}-${i}`,
        change: { k, i },
      }));
      await db()
        .transaction()
        .execute((tx) => port.recordMany(tx, systemContext('test', newId()), events));
    }
    const big = (await t.platform.ledger.flush())!.size;
    expect(big).toBeGreaterThan(2 * 4096);
    const all = (
      await sql<{
        leaf_hash: Buffer;
      }>`select leaf_hash from ledger_leaves where idx >= 0 order by idx`.execute(db())
    ).rows.map((r) => Buffer.from(r.leaf_hash));
    for (const i of [0, 4095, 4096, 4097, 8191, 8192, big - 1]) {
      const p = await t.platform.ledgerService.inclusion({ leafHash: encodeBase64(all[i]!), treeSize: big });
      expect(p.leafIndex).toBe(i);
    }
    // A decoy with the prefix of leaf 8,200, in a later partition.
    const target = all[8200]!;
    const decoy = Buffer.concat([target.subarray(0, 8), Buffer.alloc(24, 0xab)]);
    await sql`insert into ledger_leaves (idx, event_id, leaf_hash)
      values (${big + 5000}, ${'decoy-event-2'}, ${decoy})`.execute(db());
    const p = await t.platform.ledgerService.inclusion({ leafHash: encodeBase64(target), treeSize: big });
    expect(p.leafIndex).toBe(8200);
    // The decoy's own hash is found (its partition is searched too) but it lies outside every signed tree.
    await expect(
      t.platform.ledgerService.inclusion({ leafHash: encodeBase64(decoy), treeSize: big }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it("lists an action's entries in index order whether it is rare or common (the two SQLite plans)", async () => {
    // Runs after the partition test: 9,000 'test.partition' events (a common action) and 5 'test.event' ones.
    const auditor: RequestContext = {
      requestId: newId(),
      actor: { kind: 'user', id: newId(), orgId: null, roles: ['auditor'], scopes: [], mfa: true },
    };
    const all = (
      await sql<{ idx: number; action: string }>`select l.idx, e.action from ledger_leaves l
        join audit_events e on e.id = l.event_id where l.idx >= 0 order by l.idx`.execute(db())
    ).rows.map((r) => ({ idx: Number(r.idx), action: r.action }));
    for (const [action, start] of [
      ['test.partition', 0],
      ['test.partition', 7000],
      ['test.event', 0],
    ] as const) {
      const want = all.filter((r) => r.action === action && r.idx >= start).slice(0, 50);
      expect(want.length).toBeGreaterThan(0);
      const got = (await t.platform.ledgerService.entries(auditor, { start, action, limit: 50 })) as {
        index: number;
        leaf: { action: string; index: number };
      }[];
      expect(got.map((e) => e.index)).toEqual(want.map((r) => r.idx));
      expect(got.every((e) => e.leaf.action === action && e.leaf.index === e.index)).toBe(true);
    }
  });
});
