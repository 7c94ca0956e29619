import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  leafHash,
  leafText,
  treeHasher,
  verifyStoredLedger,
  type EventRow,
} from '../../src/modules/evidence/index.js';
import { testEngines } from '../support/engines.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { dropLedgerTriggers, recordEvents } from './ledger-helpers.js';

const engines = await testEngines();
const EVENT_COLUMN_LIST =
  'id, occurred_at, request_id, actor_kind, actor_id, actor_org_id, action, subject_type, subject_id, org_id, change_digest, digest_alg, details';

// Leaves are stored as (index, audit event, leaf hash); the leaf is derived from the event (leaf-text.ts).
interface LeafRow {
  idx: number;
  event_id: string;
  leaf_hash: Buffer;
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
      await sql`insert into ledger_leaves (idx, event_id, leaf_hash) values (${r.idx}, ${r.event_id}, ${r.leaf_hash})`.execute(
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
    snapshot = (
      await sql<LeafRow>`select idx, event_id, leaf_hash from ledger_leaves order by idx`.execute(db())
    ).rows.map((r) => ({ ...r, idx: Number(r.idx), leaf_hash: Buffer.from(r.leaf_hash) }));
  });
  afterAll(async () => t.close());

  it('passes an untouched log and checks every checkpoint', async () => {
    const r = await verify();
    expect(r.ok).toBe(true);
    expect(r.firstBadIndex).toBeNull();
    expect(r.size).toBe(snapshot.length);
    expect(r.checkpointsChecked).toBeGreaterThanOrEqual(4);
  });

  it('names a leaf whose stored hash was altered', async () => {
    await sql`update ledger_leaves set leaf_hash = ${Buffer.alloc(32, 7)} where idx = 5`.execute(db());
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.firstBadIndex).toBe(5);
    await restore();
  });

  it('names leaves whose audit events were swapped', async () => {
    await sql`update ledger_leaves set event_id = ${'swap'} where idx = 3`.execute(db());
    await sql`update ledger_leaves set event_id = ${snapshot[3]!.event_id} where idx = 4`.execute(db());
    await sql`update ledger_leaves set event_id = ${snapshot[4]!.event_id} where idx = 3`.execute(db());
    const r = await verify();
    expect(r.firstBadIndex).toBe(3);
    expect(r.problems.filter((p) => /^index [34]: the stored leaf hash/.test(p))).toHaveLength(2);
    await restore();
  });

  it('names an altered event even when its leaf hash was recomputed, through the signed checkpoints', async () => {
    // The operator alters an event and stores the hash of the leaf the altered event gives: every row is
    // self-consistent, so it is the signed checkpoints that place the change — at or after the last one whose
    // root still matches. The altered leaf here is the first after a checkpoint, so that is its exact index.
    const sizes = (
      await sql<{ size: number }>`select size from ledger_checkpoints order by size`.execute(db())
    ).rows.map((r) => Number(r.size));
    const at = sizes[1]!;
    const eventId = snapshot[at]!.event_id;
    const cols = sql.raw(EVENT_COLUMN_LIST);
    const original = (
      await sql<EventRow>`select ${cols} from audit_events where id = ${eventId}`.execute(db())
    ).rows[0]!;
    await sql`update audit_events set occurred_at = ${'2020-01-01T00:00:00.000Z'} where id = ${eventId}`.execute(
      db(),
    );
    const altered = (
      await sql<EventRow>`select ${cols} from audit_events where id = ${eventId}`.execute(db())
    ).rows[0]!;
    expect(altered.occurred_at).toBe('2020-01-01T00:00:00.000Z');
    const text = leafText(at, altered);
    await sql`update ledger_leaves set leaf_hash = ${leafHash(h, Buffer.from(text))} where idx = ${at}`.execute(
      db(),
    );
    const r = await verify();
    await sql`update audit_events set occurred_at = ${original.occurred_at} where id = ${eventId}`.execute(
      db(),
    );
    expect(r.ok).toBe(false);
    expect(r.firstBadIndex).toBe(at);
    expect(r.problems[0]).toContain(`checkpoint of size ${sizes[2]} signed root`);
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
    const forged = '{"forged":true}';
    await sql`insert into ledger_leaves (idx, event_id, leaf_hash) values (10, ${'forged-event'}, ${leafHash(h, Buffer.from(forged))})`.execute(
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
