import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAuditPort,
  newId,
  saltedDigest,
  systemContext,
  type AnyTx,
  type AuditEventInput,
  type StoredAuditEvent,
} from '../../src/kernel/index.js';
import { ledgerAuditPort, verifyStoredLedger } from '../../src/modules/evidence/index.js';
import { testEngines } from '../support/engines.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { dropLedgerTriggers } from './ledger-helpers.js';

// The ledger's fast paths write and check exactly what the plain ones do: the audit port's batch (recordMany)
// and PostgreSQL's one-statement record, and full verification in worker threads.

const engines = await testEngines();

const events = (n: number, tag: string): AuditEventInput[] =>
  Array.from({ length: n }, (_, i) => ({
    action: `test.batch.${tag}`,
    subjectType: 'test',
    subjectId: `${tag}-${i}`,
    // Every third event without a change (no salt row), and one without details or org.
    ...(i % 3 !== 1 && { change: { i, name: '名称', nested: { b: 1, a: [2, 'x'] } } }),
    ...(i !== 2 && { orgId: `org-${i % 2}`, details: { i, tag, ok: i % 2 === 0 } }),
  }));

describe.each(engines)('the ledger fast paths on %s', (engine) => {
  let t: TestPlatform;
  const db = () => t.platform.db.kysely;
  const port = () => t.platform.audit as ReturnType<typeof ledgerAuditPort>;
  const rows = async (ids: string[]) =>
    (
      await sql<StoredAuditEvent>`select * from audit_events where id in (${sql.join(ids)}) order by id`.execute(
        db(),
      )
    ).rows;
  const salts = async (ids: string[]) =>
    new Map(
      (
        await sql<{
          event_id: string;
          salt: string;
        }>`select event_id, salt from audit_salts where event_id in (${sql.join(ids)})`.execute(db())
      ).rows.map((r) => [r.event_id, r.salt]),
    );

  beforeAll(async () => {
    t = await startTestPlatform(engine, { env: { ORDERLY_CHECKPOINT_INTERVAL_MS: '0' } });
    await t.platform.ledger.flush();
  });
  afterAll(async () => t.close());

  it('records a batch with the rows record() writes, queued in order', async () => {
    const ctx = systemContext('batch', newId());
    const input = events(7, 'many');
    const at = t.clock.now();
    const single: string[] = [];
    await db()
      .transaction()
      .execute(async (tx) => {
        for (const e of input) single.push(await port().record(tx, ctx, e, at));
      });
    const many = await db()
      .transaction()
      .execute((tx) => port().recordMany(tx, ctx, input, at));
    expect(many).toHaveLength(input.length);
    const [a, b] = [await rows(single), await rows(many)];
    const [sa, sb] = [await salts(single), await salts(many)];
    // Same columns and values, apart from the fresh id, salt and hence digest of each event.
    const strip = ({ id: _id, change_digest: _d, ...rest }: StoredAuditEvent) => rest;
    expect(b.map(strip)).toEqual(a.map(strip));
    input.forEach((e, i) => {
      const row = b.find((r) => r.id === many[i])!;
      if (e.change === undefined) {
        expect(row.change_digest).toBeNull();
        expect(sb.has(row.id)).toBe(false);
      } else {
        expect(row.change_digest).toBe(saltedDigest('sha256', Buffer.from(sb.get(row.id)!, 'hex'), e.change));
        expect(sb.get(row.id)).toMatch(/^[0-9a-f]{32}$/);
      }
    });
    expect(sa.size).toBe(sb.size);
    // Queue order is call order, so the batch's leaves follow one another in that order.
    await t.platform.ledger.flush();
    const leaves = await sql<{ idx: number; event_id: string }>`select idx, event_id from ledger_leaves
      where event_id in (${sql.join([...single, ...many])}) order by idx`.execute(db());
    expect(leaves.rows.map((r) => r.event_id)).toEqual([...single, ...many]);
    const idx = leaves.rows.map((r) => Number(r.idx));
    expect(idx).toEqual(idx.map((_, i) => idx[0]! + i));
    expect((await verifyStoredLedger(t.platform.db, t.platform.keyring)).ok).toBe(true);
  });

  /** The ledger port over the kernel's table port, counting the kernel port's calls (`before` runs first). */
  const countingPort = (before?: (tx: AnyTx) => Promise<void>) => {
    const kernel = createAuditPort('sha256', t.clock);
    const counted = {
      calls: 0,
      port: ledgerAuditPort({
        async record(tx, ctx, e, at) {
          counted.calls++;
          await before?.(tx);
          return kernel.record(tx, ctx, e, at);
        },
      }),
    };
    return counted;
  };

  it("takes the kernel port's own fixed-text rows: no event is recorded twice", async () => {
    // The ledger port captures what the kernel port would write (a dry run) and writes those rows itself; a
    // capture it cannot read would fall back to recording each event through the kernel port (a second call).
    const counted = countingPort();
    const ctx = systemContext('batch', newId());
    const input = events(6, 'captured');
    const ids = await db()
      .transaction()
      .execute((tx) => counted.port.recordMany(tx, ctx, input));
    // One probe (the first event, which has a change); the other events' rows are built by the ledger port.
    expect(counted.calls).toBe(1);
    counted.calls = 0;
    await db()
      .transaction()
      .execute((tx) => counted.port.record(tx, ctx, input[1]!));
    // PostgreSQL captures once and sends the rows with the queue entry; SQLite records directly.
    expect(counted.calls).toBe(1);
    expect((await rows(ids)).map((r) => r.subject_id)).toEqual(input.map((e) => e.subjectId));
  });

  it('falls back to recording event by event when the kernel port does more than plain inserts', async () => {
    // A select before the inserts: not a plain insert, so the capture refuses it.
    const odd = countingPort(async (tx) => void (await sql`select 1`.execute(tx)));
    const ctx = systemContext('batch', newId());
    const input = events(4, 'fallback');
    const ids = await db()
      .transaction()
      .execute((tx) => odd.port.recordMany(tx, ctx, input));
    const single = await db()
      .transaction()
      .execute((tx) => odd.port.record(tx, ctx, input[0]!));
    // One capture attempt for the batch, then each event for real; the same for record() on PostgreSQL.
    expect(odd.calls).toBe(1 + input.length + (engine === 'postgres' ? 2 : 1));
    expect((await rows([...ids, single])).map((r) => r.subject_id)).toEqual([
      'fallback-0',
      'fallback-1',
      'fallback-2',
      'fallback-3',
      'fallback-0',
    ]);
    await t.platform.ledger.flush();
    const queued = await sql<{ n: number }>`select count(*) as n from ledger_leaves
      where event_id in (${sql.join([...ids, single])})`.execute(db());
    expect(Number(queued.rows[0]!.n)).toBe(5);
  });

  it('rolls the batch back with its transaction', async () => {
    const before = await t.platform.ledger.pending();
    await expect(
      db()
        .transaction()
        .execute(async (tx) => {
          await port().recordMany(tx, systemContext('batch', newId()), events(5, 'rollback'));
          throw new Error('abort');
        }),
    ).rejects.toThrow('abort');
    expect(await t.platform.ledger.pending()).toBe(before);
    const ev = await sql<{
      n: number;
    }>`select count(*) as n from audit_events where action = 'test.batch.rollback'`.execute(db());
    expect(Number(ev.rows[0]!.n)).toBe(0);
  });

  it('verifies in worker threads with the same verdict as a single thread, tampered or not', async () => {
    const ctx = systemContext('batch', newId());
    for (let i = 0; i < 3; i++) {
      await db()
        .transaction()
        .execute((tx) => port().recordMany(tx, ctx, events(1500, `w${i}`)));
      await t.platform.ledger.flush();
    }
    const opts = { workers: 2, workerThreshold: 0, ...(t.testDb.url && { databaseUrl: t.testDb.url }) };
    const serial = await verifyStoredLedger(t.platform.db, t.platform.keyring, { workers: 0 });
    const parallel = await verifyStoredLedger(t.platform.db, t.platform.keyring, opts);
    expect(serial.ok).toBe(true);
    expect(serial.workers).toBe(0);
    expect(parallel.workers).toBe(2);
    expect({ ...parallel, seconds: 0, workers: 0 }).toEqual({ ...serial, seconds: 0, workers: 0 });
    // Every leaf matched the text the database built (none was checked again from its event).
    expect(parallel.rechecked).toBe(0);

    // Tamper: a leaf's hash (index 2345, in a later worker chunk) and a deleted row (index 4100).
    await dropLedgerTriggers(t, engine);
    await sql`update ledger_leaves set leaf_hash = ${Buffer.alloc(32, 9)} where idx = 2345`.execute(db());
    await sql`delete from ledger_leaves where idx = 4100`.execute(db());
    const s2 = await verifyStoredLedger(t.platform.db, t.platform.keyring, { workers: 0 });
    const p2 = await verifyStoredLedger(t.platform.db, t.platform.keyring, opts);
    expect(s2.firstBadIndex).toBe(2345);
    expect(p2.workers).toBe(2);
    expect({ ...p2, seconds: 0, workers: 0, rechecked: 0 }).toEqual({ ...s2, seconds: 0, workers: 0 });
    // The tampered leaf's text did not match and it was checked again from its event.
    expect(p2.rechecked).toBe(1);
    expect(p2.problems.some((p) => p.startsWith('index 4100: missing'))).toBe(true);
  });
});
