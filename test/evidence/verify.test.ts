import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/kernel/index.js';
import { leafHash, treeHasher, verifyStoredLedger } from '../../src/modules/evidence/index.js';
import { testEngines } from '../support/engines.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { dropLedgerTriggers, recordEvents } from './ledger-helpers.js';

const engines = await testEngines();

interface LeafRow {
  idx: number;
  event_id: string;
  leaf: string;
  leaf_hash: Buffer;
  action: string;
  org_id: string | null;
  occurred_at: string;
}

describe.each(engines)('orderly ledger verify on %s', (engine) => {
  let t: TestPlatform;
  let snapshot: LeafRow[];
  const h = treeHasher('sha256');
  const db = () => t.platform.db.kysely;
  const verify = () => verifyStoredLedger(t.platform.db, t.platform.keyring);
  const restore = async () => {
    await sql`delete from ledger_leaves`.execute(db());
    for (const r of snapshot) {
      await sql`insert into ledger_leaves (idx, event_id, leaf, leaf_hash, action, org_id, occurred_at) values (${r.idx}, ${r.event_id}, ${r.leaf}, ${r.leaf_hash}, ${r.action}, ${r.org_id}, ${r.occurred_at})`.execute(
        db(),
      );
    }
    expect((await verify()).ok).toBe(true);
  };

  beforeAll(async () => {
    t = await startTestPlatform(engine, { env: { ORDERLY_CHECKPOINT_INTERVAL_MS: '0' } });
    for (let i = 0; i < 4; i++) {
      await recordEvents(t, 6);
      await t.platform.ledger.flush();
    }
    await dropLedgerTriggers(t, engine);
    snapshot = (await sql<LeafRow>`select * from ledger_leaves order by idx`.execute(db())).rows.map((r) => ({
      ...r,
      idx: Number(r.idx),
      leaf_hash: Buffer.from(r.leaf_hash),
    }));
  });
  afterAll(async () => t.close());

  it('passes an untouched log and checks every checkpoint', async () => {
    const r = await verify();
    expect(r.ok).toBe(true);
    expect(r.firstBadIndex).toBeNull();
    expect(r.size).toBe(snapshot.length);
    expect(r.checkpointsChecked).toBeGreaterThanOrEqual(4);
  });

  it('names a tampered leaf', async () => {
    const row = snapshot[5]!;
    const leaf = JSON.parse(row.leaf) as { details: Record<string, unknown> };
    leaf.details = { forged: true };
    await sql`update ledger_leaves set leaf = ${canonicalJson(leaf)} where idx = 5`.execute(db());
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.firstBadIndex).toBe(5);
    await restore();
  });

  it('names a tampered leaf even when its hash was recomputed', async () => {
    const leaf = JSON.parse(snapshot[6]!.leaf) as { time: string };
    leaf.time = '2020-01-01T00:00:00.000Z';
    const text = canonicalJson(leaf);
    await sql`update ledger_leaves set leaf = ${text}, leaf_hash = ${leafHash(h, Buffer.from(text))} where idx = 6`.execute(
      db(),
    );
    expect((await verify()).firstBadIndex).toBe(6);
    await restore();
  });

  it('names a deleted leaf', async () => {
    await sql`delete from ledger_leaves where idx = 7`.execute(db());
    expect((await verify()).firstBadIndex).toBe(7);
    await restore();
  });

  it('names reordered leaves', async () => {
    // Swap rows 8 and 9 through a free index.
    await sql`update ledger_leaves set idx = ${-1} where idx = 8`.execute(db());
    await sql`update ledger_leaves set idx = 8 where idx = 9`.execute(db());
    await sql`update ledger_leaves set idx = 9 where idx = ${-1}`.execute(db());
    expect((await verify()).firstBadIndex).toBe(8);
    await restore();
  });

  it('names an inserted leaf', async () => {
    // Shift rows from 10 up by one (via negative indices, so no primary-key clash), then insert a forged row at 10.
    await sql`update ledger_leaves set idx = ${-1} - idx where idx >= 10`.execute(db());
    await sql`update ledger_leaves set idx = ${-1} - idx + 1 where idx < 0`.execute(db());
    const forged = canonicalJson({
      ...JSON.parse(snapshot[10]!.leaf),
      id: 'forged',
      action: 'identity.org.create',
    });
    await sql`insert into ledger_leaves (idx, event_id, leaf, leaf_hash, action, org_id, occurred_at) values (10, ${'forged-event'}, ${forged}, ${leafHash(h, Buffer.from(forged))}, ${'identity.org.create'}, ${null}, ${snapshot[10]!.occurred_at})`.execute(
      db(),
    );
    expect((await verify()).firstBadIndex).toBe(10);
    await restore();
  });

  it('names a leaf whose audit event was altered', async () => {
    const eventId = snapshot[12]!.event_id;
    const before = (
      await sql<{ action: string }>`select action from audit_events where id = ${eventId}`.execute(db())
    ).rows[0]!.action;
    await sql`update audit_events set action = ${'test.altered'} where id = ${eventId}`.execute(db());
    expect((await verify()).firstBadIndex).toBe(12);
    await sql`update audit_events set action = ${before} where id = ${eventId}`.execute(db());
    expect((await verify()).ok).toBe(true);
  });
});
