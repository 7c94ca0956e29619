import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, loadConfig, migrateToLatest, newId, systemContext } from '../../src/kernel/index.js';
import {
  encodeBase64,
  leafHash,
  leafText,
  MemorySubtreeStore,
  treeHasher,
  type EventRow,
  verifyInclusion,
  verifyStoredLedger,
} from '../../src/modules/evidence/index.js';
import { allMigrations, createPlatform, type Platform } from '../../src/server/platform.js';
import { createTestDb, testEngines, type TestDb } from '../support/engines.js';

// Migrations 20261129_2200_evidence_fewer_rows and 20261130_0300_evidence_lean_leaves on a log written the old
// way: leaves with their text and copies of the event's action, organisation and time, level-0 node rows beside
// them, and (SQLite) events still waiting in ledger_pending. After them, SQLite has no queue and keeps only the
// nodes above level 0 in a WITHOUT ROWID table that is still append-only; leaves keep index, event and hash
// (still append-only), and every old leaf text is exactly what is now derived from its event; on both engines
// the waiting events are sequenced after the old leaves, in order, and every proof and the full verification
// agree.

const engines = await testEngines();
const MIGRATION = '20261129_2200_evidence_fewer_rows';
const EVENT_COLUMN_LIST =
  'e.id, e.occurred_at, e.request_id, e.actor_kind, e.actor_id, e.actor_org_id, e.action, e.subject_type, e.subject_id, e.org_id, e.change_digest, e.digest_alg, e.details';

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
  /**
   * What the sequencer did before these migrations, for the events waiting in the queue of an empty log: each
   * leaf stored with its text and the event's action, organisation and time, and every complete-subtree node —
   * level 0 (the leaf hashes) included — in ledger_nodes. Returns the log's new size.
   */
  const sequenceTheOldWay = async (): Promise<number> => {
    const h = treeHasher('sha256');
    const tree = new MemorySubtreeStore(h);
    const events = (
      await sql<EventRow>`select ${sql.raw(EVENT_COLUMN_LIST)} from ledger_pending q
        join audit_events e on e.id = q.event_id order by q.seq`.execute(db())
    ).rows;
    for (const [i, e] of events.entries()) {
      const text = leafText(i, e);
      const hash = leafHash(h, Buffer.from(text));
      await sql`insert into ledger_leaves (idx, event_id, leaf, leaf_hash, action, org_id, occurred_at)
        values (${i}, ${e.id}, ${text}, ${hash}, ${e.action}, ${e.org_id}, ${e.occurred_at})`.execute(db());
      for (const n of tree.append(hash))
        await sql`insert into ledger_nodes (level, idx, hash) values (${n.level}, ${n.index}, ${n.hash})`.execute(
          db(),
        );
    }
    await sql`delete from ledger_pending`.execute(db());
    await sql`update ledger_state set size = ${events.length} where id = 1`.execute(db());
    return events.length;
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
    const old = await sequenceTheOldWay();
    const oldTexts = (
      await sql<{ idx: number; leaf: string }>`select idx, leaf from ledger_leaves order by idx`.execute(db())
    ).rows;
    expect(oldTexts).toHaveLength(old);
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

    // Lean leaves: index, event, hash; still append-only; each old text is the leaf derived from its event.
    const columns =
      engine === 'sqlite'
        ? sql<{ name: string }>`select name from pragma_table_info('ledger_leaves') order by cid`
        : sql<{
            name: string;
          }>`select column_name as name from information_schema.columns where table_name = 'ledger_leaves' order by ordinal_position`;
    expect((await columns.execute(db())).rows.map((r) => r.name)).toEqual(['idx', 'event_id', 'leaf_hash']);
    await expect(sql`delete from ledger_leaves`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`update ledger_leaves set idx = idx`.execute(db())).rejects.toThrow(/append-only/);
    for (const { idx, leaf } of oldTexts) {
      const e = (
        await sql<EventRow>`select ${sql.raw(EVENT_COLUMN_LIST)} from audit_events e
          join ledger_leaves l on l.event_id = e.id where l.idx = ${idx}`.execute(db())
      ).rows[0]!;
      expect(leafText(Number(idx), e)).toBe(leaf);
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
