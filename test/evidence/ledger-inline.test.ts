import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, systemContext, type AuditEventInput } from '../../src/kernel/index.js';
import { verifyStoredLedger, type LedgerAuditPort } from '../../src/modules/evidence/index.js';
import { testEngines } from '../support/engines.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { dropLedgerTriggers, recordEvents } from './ledger-helpers.js';

// A large batch of the audit port goes into the log in its own transaction (sequencer.ts: sequenceBatch): after
// every event that was waiting, in order, all or nothing; a small batch, or one that finds the sequencer lock
// taken, waits for the background sequencer. Level 0 of the tree is read from the leaves, not stored twice.

const engines = await testEngines();

const events = (n: number, tag: string): AuditEventInput[] =>
  Array.from({ length: n }, (_, i) => ({
    action: `test.inline.${tag}`,
    subjectType: 'test',
    subjectId: `${tag}-${i}`,
    ...(i % 2 === 0 && { change: { i, tag } }),
    details: { i },
  }));

describe.each(engines)('batches appended in their own transaction on %s', (engine) => {
  let t: TestPlatform;
  const db = () => t.platform.db.kysely;
  const port = () => t.platform.audit as LedgerAuditPort;
  const recordMany = (input: AuditEventInput[]) =>
    db()
      .transaction()
      .execute((tx) => port().recordMany(tx, systemContext('inline', newId()), input));
  const leavesOf = async (ids: string[]) =>
    (
      await sql<{ idx: number; event_id: string }>`select idx, event_id from ledger_leaves
        where event_id in (${sql.join(ids)}) order by idx`.execute(db())
    ).rows.map((r) => ({ idx: Number(r.idx), event_id: r.event_id }));
  const storedSize = async () =>
    Number((await sql<{ n: number }>`select size as n from ledger_state`.execute(db())).rows[0]!.n);

  beforeAll(async () => {
    t = await startTestPlatform(engine, { env: { ORDERLY_CHECKPOINT_INTERVAL_MS: '0' } });
    await t.platform.ledger.flush();
  });
  afterAll(async () => t.close());

  it('appends a large batch at commit, after the events that were waiting, in order', async () => {
    const before = await storedSize();
    // Committed earlier and still waiting for the sequencer: they must get the lower indices.
    const waiting = await recordEvents(t, 3, 'test.inline.waiting');
    expect(await t.platform.ledger.pending()).toBe(3);
    const batch = await recordMany(events(100, 'large'));
    // No sequencer round ran: the batch's own transaction wrote the leaves.
    expect(await t.platform.ledger.pending()).toBe(0);
    expect(await storedSize()).toBe(before + 103);
    const leaves = await leavesOf([...waiting, ...batch]);
    expect(leaves.map((l) => l.event_id)).toEqual([...waiting, ...batch]);
    expect(leaves.map((l) => l.idx)).toEqual(leaves.map((_, i) => before + i));
    // Level 0 lives in ledger_leaves only.
    const level0 = await sql<{ n: number }>`select count(*) as n from ledger_nodes where level = 0`.execute(
      db(),
    );
    expect(Number(level0.rows[0]!.n)).toBe(0);
    const cp = await t.platform.ledger.flush();
    expect(cp?.size).toBe(before + 103);
    const v = await verifyStoredLedger(t.platform.db, t.platform.keyring);
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
    // Proofs read the leaf-level hashes from the leaves.
    const last = before + 102;
    const p = await t.platform.ledgerService.inclusion({ index: String(last), treeSize: String(last + 1) });
    expect(p.leafIndex).toBe(last);
  });

  it('leaves a small batch to the background sequencer', async () => {
    const before = await storedSize();
    const batch = await recordMany(events(10, 'small'));
    expect(await t.platform.ledger.pending()).toBe(10);
    expect(await leavesOf(batch)).toEqual([]);
    await t.platform.ledger.flush();
    expect((await leavesOf(batch)).map((l) => l.idx)).toEqual(batch.map((_, i) => before + i));
  });

  it('rolls a large batch back entirely, reporting the statement that failed', async () => {
    const before = await storedSize();
    // The operator has planted a row where the batch's 11th leaf goes: its insert fails mid-batch.
    await dropLedgerTriggers(t, engine);
    await sql`insert into ledger_leaves (idx, event_id, leaf_hash)
      values (${before + 10}, ${'planted'}, ${Buffer.alloc(32)})`.execute(db());
    await expect(recordMany(events(100, 'fails'))).rejects.toThrow(/unique|duplicate/i);
    const written = await sql<{
      n: number;
    }>`select count(*) as n from audit_events where action = 'test.inline.fails'`.execute(db());
    expect(Number(written.rows[0]!.n)).toBe(0);
    expect(await storedSize()).toBe(before);
    await sql`delete from ledger_leaves where event_id = 'planted'`.execute(db());
    await recordMany(events(100, 'after'));
    await t.platform.ledger.flush();
    expect((await verifyStoredLedger(t.platform.db, t.platform.keyring)).ok).toBe(true);
  });

  // PostgreSQL only: SQLite's sequencer lock is its single writer, so no other transaction can hold it here.
  if (engine === 'postgres')
    it('queues a large batch instead of waiting while another transaction holds the sequencer lock', async () => {
      const before = await storedSize();
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let locked!: () => void;
      const isLocked = new Promise<void>((r) => (locked = r));
      const holder = db()
        .transaction()
        .execute(async (tx) => {
          await sql`select pg_advisory_xact_lock(727274)`.execute(tx);
          locked();
          await held;
        });
      await isLocked;
      try {
        const batch = await recordMany(events(100, 'busy'));
        expect(await t.platform.ledger.pending()).toBe(100);
        expect(await leavesOf(batch)).toEqual([]);
        release();
        await holder;
        await t.platform.ledger.flush();
        expect((await leavesOf(batch)).map((l) => l.idx)).toEqual(batch.map((_, i) => before + i));
      } finally {
        release();
        await holder;
      }
    });
});
