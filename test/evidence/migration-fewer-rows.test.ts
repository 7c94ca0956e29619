import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, loadConfig, migrateToLatest, newId, systemContext } from '../../src/kernel/index.js';
import {
  encodeBase64,
  treeHasher,
  verifyInclusion,
  verifyStoredLedger,
} from '../../src/modules/evidence/index.js';
import { allMigrations, createPlatform, type Platform } from '../../src/server/platform.js';
import { createTestDb, testEngines, type TestDb } from '../support/engines.js';

// Migration 20261129_2200_evidence_fewer_rows on a log written the old way: level-0 node rows beside the leaves,
// and (SQLite) events still waiting in ledger_pending. After it, SQLite has no queue and keeps only the nodes
// above level 0 in a WITHOUT ROWID table that is still append-only; on both engines the waiting events are
// sequenced after the old leaves, in order, and every proof and the full verification agree.

const engines = await testEngines();
const MIGRATION = '20261129_2200_evidence_fewer_rows';

describe.each(engines)('migrating an existing log to fewer rows on %s', (engine) => {
  let testDb: TestDb;
  let p: Platform;
  const db = () => testDb.db.kysely;
  const record = async (n: number, tag: string) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const id = await db()
        .transaction()
        .execute(async (tx) => {
          const id = await p.audit.record(tx, systemContext('migration', newId()), {
            action: `test.migration.${tag}`,
            subjectType: 'test',
            subjectId: `${tag}-${i}`,
            change: { i },
          });
          // What the old audit port did on SQLite too: queue the event in its transaction.
          if (engine === 'sqlite')
            await sql`insert into ledger_pending (event_id) values (${id})`.execute(tx);
          return id;
        });
      ids.push(id);
    }
    return ids;
  };
  const count = async (q: ReturnType<typeof sql<{ n: number }>>) =>
    Number((await q.execute(db())).rows[0]!.n);

  beforeAll(async () => {
    testDb = await createTestDb(engine);
    await migrateToLatest(
      testDb.db,
      allMigrations.filter((m) => m.name < MIGRATION),
    );
    const config = loadConfig({
      ORDERLY_DATA_DIR: testDb.dataDir,
      ORDERLY_LOG_LEVEL: 'silent',
      ORDERLY_CHECKPOINT_INTERVAL_MS: '0',
    });
    p = await createPlatform(config, {
      db: testDb.db,
      migrate: false,
      clock: new ManualClock('2026-03-02T02:00:00.000Z'),
    });
  });
  afterAll(async () => {
    await p.close();
    await testDb.drop();
  });

  it('keeps the log, sequences the waiting events after it, and proofs and verification still agree', async () => {
    const first = await record(5, 'old');
    const old = (await p.ledger.flush())!.size;
    // The old sequencer stored the leaf hashes a second time, as level-0 nodes.
    await sql`insert into ledger_nodes (level, idx, hash) select 0, idx, leaf_hash from ledger_leaves`.execute(
      db(),
    );
    if (engine === 'sqlite') await sql`delete from ledger_pending`.execute(db());
    const waiting = await record(3, 'waiting');

    await migrateToLatest(testDb.db, allMigrations);
    if (engine === 'sqlite') {
      expect(
        await count(
          sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'ledger_pending'`,
        ),
      ).toBe(0);
      expect(await count(sql<{ n: number }>`select count(*) as n from ledger_nodes where level = 0`)).toBe(0);
      expect(
        await count(sql<{ n: number }>`select wr as n from pragma_table_list where name = 'ledger_nodes'`),
      ).toBe(1);
      await expect(sql`delete from ledger_nodes`.execute(db())).rejects.toThrow(/append-only/);
      await expect(sql`update ledger_nodes set hash = hash`.execute(db())).rejects.toThrow(/append-only/);
    }

    expect(await p.ledger.pending()).toBe(3);
    const cp = (await p.ledger.flush())!;
    const size = cp.size;
    expect(size).toBe(old + 3);
    const leaves = (
      await sql<{ event_id: string }>`select event_id from ledger_leaves order by idx`.execute(db())
    ).rows.map((r) => r.event_id);
    expect(leaves.slice(-8)).toEqual([...first, ...waiting]);
    for (let i = 0; i < size; i++) {
      const proof = await p.ledgerService.inclusion({ index: String(i), treeSize: String(size) });
      expect(proof.leafIndex).toBe(i);
      // The root the proof was built from is the signed one (level 0 read from the leaves, above from nodes).
      expect(proof.rootHash).toBe(encodeBase64(cp.root_hash));
      expect(
        verifyInclusion(
          treeHasher('sha256'),
          i,
          size,
          Buffer.from(proof.leafHash, 'base64'),
          proof.proof.map((x) => Buffer.from(x, 'base64')),
          cp.root_hash,
        ),
      ).toBe(true);
    }
    for (let m = 1; m < size; m++)
      await p.ledgerService.consistency({ first: String(m), second: String(size) });
    const v = await verifyStoredLedger(p.db, p.keyring);
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
  });
});
