import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, type RequestContext } from '../../src/kernel/index.js';
import { GroupCommit, verifyStoredLedger, type BatchWriter } from '../../src/modules/evidence/index.js';
import { testEngines } from '../support/engines.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

// The exchange's evidence path: concurrent requests' events share transactions, every caller learns its own
// event id only once it is durable, and a bad event fails alone.

const engines = await testEngines();

const clientCtx = (i: number): RequestContext => ({
  requestId: newId(),
  actor: { kind: 'client', id: `client-${i % 7}`, orgId: `org-${i % 3}`, roles: [], scopes: [], mfa: false },
});

describe.each(engines)('group commit of evidence on %s', (engine) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform(engine, { bootstrap: false });
  });
  afterAll(async () => t.close());

  const stored = async (ids: string[]) =>
    (
      await sql<{ id: string; request_id: string; actor_id: string; subject_id: string }>`
        select id, request_id, actor_id, subject_id from audit_events where id in (${sql.join(ids)})`.execute(
        t.platform.db.kysely,
      )
    ).rows;

  it('commits 400 concurrent events in fewer transactions, each with its own request context', async () => {
    const gc = new GroupCommit(t.platform.db, t.platform.audit, 100);
    const ctxs = Array.from({ length: 400 }, (_, i) => clientCtx(i));
    const ids = await Promise.all(
      ctxs.map((ctx, i) =>
        gc.record(ctx, {
          action: 'exchange.access',
          subjectType: 'grant',
          subjectId: `grant-${i}`,
          change: { rows: i },
          details: { rows: i },
        }),
      ),
    );
    expect(new Set(ids).size).toBe(400);
    expect(gc.stats.events).toBe(400);
    expect(gc.stats.commits).toBeLessThan(400);
    expect(gc.stats.commits).toBeGreaterThanOrEqual(4); // at most 100 per transaction
    const rows = new Map((await stored(ids)).map((r) => [r.id, r]));
    ids.forEach((id, i) => {
      expect(rows.get(id)).toMatchObject({
        request_id: ctxs[i]!.requestId,
        actor_id: ctxs[i]!.actor.id,
        subject_id: `grant-${i}`,
      });
    });
    // The events went through the ledger's queue like any other: the log sequences and verifies them.
    await t.platform.ledger.tick();
    expect((await verifyStoredLedger(t.platform.db, t.platform.keyring)).ok).toBe(true);
  });

  it('hands a batch writer all of its events at once, in order, inside the commit', async () => {
    const gc = new GroupCommit(t.platform.db, t.platform.audit, 100);
    const calls: { eventId: string; data: number }[][] = [];
    const writer: BatchWriter<number> = {
      write: async (tx, items) => {
        calls.push(items);
        // Inside the commit: the events are visible in the writer's transaction.
        const n = await sql<{ n: number | string }>`select count(*) as n from audit_events
          where id in (${sql.join(items.map((i) => i.eventId))})`.execute(tx);
        expect(Number(n.rows[0]!.n)).toBe(items.length);
      },
    };
    const ids = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        gc.record(
          clientCtx(i),
          { action: 'exchange.access', subjectType: 'grant', subjectId: `w-${i}` },
          {
            writer,
            data: i,
          },
        ),
      ),
    );
    const seen = calls.flat();
    expect(seen.map((x) => x.data)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(seen.map((x) => x.eventId)).toEqual(ids);
    // Fewer calls than events: the writer got batches, one call per commit.
    expect(calls.length).toBeLessThan(50);
    expect(calls.length).toBe(gc.stats.commits);
  });

  it('commits events a caller records one after another, each as soon as the last has committed', async () => {
    // A caller that records again the moment its previous event resolved finds the committer finishing the
    // batch it was in; the new event must still be committed (it was once left in the queue for good).
    const gc = new GroupCommit(t.platform.db, t.platform.audit);
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      ids.push(
        await gc.record(clientCtx(i), {
          action: 'exchange.access',
          subjectType: 'grant',
          subjectId: `seq-${i}`,
        }),
      );
    }
    expect(gc.stats).toMatchObject({ events: 20, commits: 20, failed: 0 });
    expect((await stored(ids)).map((r) => r.subject_id).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `seq-${i}`).sort(),
    );
    await gc.flush();
  });

  it('a bad event fails alone; the others of its batch are committed', async () => {
    const gc = new GroupCommit(t.platform.db, t.platform.audit);
    const good = (i: number) =>
      gc.record(clientCtx(i), { action: 'exchange.access', subjectType: 'grant', subjectId: `ok-${i}` });
    const first = good(0); // commits alone while the next three queue behind it
    const batch = [
      good(1),
      // A change JCS cannot encode (a BigInt) makes the digest, and so the batch, fail.
      gc.record(clientCtx(2), {
        action: 'exchange.access',
        subjectType: 'grant',
        subjectId: 'bad',
        change: { n: 1n },
      }),
      good(3),
    ];
    const settled = await Promise.allSettled([first, ...batch]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const ok = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    expect((await stored(ok)).map((r) => r.subject_id).sort()).toEqual(['ok-0', 'ok-1', 'ok-3']);
    expect(gc.stats.failed).toBe(1);
    await gc.flush();
  });
});
