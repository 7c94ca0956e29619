import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyDetachedJws, type PublicKeyInfo } from '../../src/kernel/index.js';
import { datastoreMigrations } from '../../src/modules/datastore/index.js';
import { testEngines } from '../support/engines.js';
import { send } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import {
  deleteZhaoLiu,
  editBatch,
  EXPECTED,
  issueSubscriptionGrant,
  refsOf,
  MOVES,
  RENAME,
} from './changes-support.js';
import { buildExchangeWorld, PEOPLE, type ExchangeWorld } from './exchange-fixtures.js';

// Pulling a grant's changes: from the grant's activation (earlier loads are not changes the grant saw), each
// record version judged against the row filter before and after it — an update out of the filter is a delete,
// a record never inside never appears — values projected and masked exactly as the records API returns them,
// paged by an opaque cursor, signed, recorded once per response, and refused with 410 past the retention.

const engines = await testEngines();

interface Change {
  id: string;
  op: string;
  key: string;
  rev: number;
  at: string;
  values: Record<string, unknown> | null;
}
interface Page {
  grantId: string;
  changes: Change[];
  next: string;
  hasMore: boolean;
}

describe.each(engines)('exchange change feed on %s', (engine) => {
  let t: TestPlatform;
  let w: ExchangeWorld;
  let token: string;
  let grantId: string;
  const C = (g: string) => `/api/v1/exchange/grants/${g}/changes`;
  const get = (url: string) => send(t, 'GET', url, { headers: { authorization: `Bearer ${token}` } });
  const all = async (query: string): Promise<Change[]> => {
    const out: Change[] = [];
    let url = `${C(grantId)}?${query}`;
    for (let i = 0; i < 50; i++) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      const page = res.json<Page>();
      out.push(...page.changes);
      if (!page.hasMore) return out;
      url = `${C(grantId)}?${query}&cursor=${page.next}`;
    }
    throw new Error('paging did not end');
  };

  beforeAll(async () => {
    t = await startTestPlatform(engine);
    w = await buildExchangeWorld(t);
    token = await w.clientToken();
    // The initial load happened before the grant: the feed starts after it.
    t.clock.advance(1000);
    grantId = await issueSubscriptionGrant(t, w);
    t.clock.advance(1000);
    await editBatch(t, w, RENAME);
    await editBatch(t, w, MOVES);
    await deleteZhaoLiu(t, w);
  });
  afterAll(async () => t.close());

  it('starts at activation and turns filter moves into inserts and deletes; never-inside rows never appear', async () => {
    const changes = await all('limit=100');
    const ids = await refsOf(t, grantId, token);
    expect(changes.map((c) => [ids.get(c.key), c.op])).toEqual(EXPECTED);
    expect(new Set(changes.map((c) => c.id)).size).toBe(changes.length);
    for (const c of changes) {
      expect(c.id).toMatch(new RegExp(`^${grantId}:\\d+$`));
      if (c.op === 'delete') expect(c.values).toBeNull();
      // Ungranted items (the name, I002) never appear; the filter item and the masked ones do.
      else expect(Object.keys(c.values!).sort()).toEqual(['I001', 'I003', 'I004']);
    }
  });

  it('masks values exactly as the records API and pages to the same result', async () => {
    const changes = await all('limit=100');
    const res = await send(t, 'GET', `/api/v1/exchange/grants/${grantId}/records?limit=100`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const records = res.json<{ items: Record<string, unknown>[] }>().items;
    // Each inserted or updated record's latest change equals what records returns for it now.
    for (const c of changes.filter((x) => x.op !== 'delete')) expect(records).toContainEqual(c.values);
    for (const c of changes.filter((x) => x.values)) {
      expect(String(c.values!.I001)).toMatch(/\*/);
      expect(String(c.values!.I004)).toMatch(/^\d{4}$/);
    }
    const paged = await all('limit=2');
    expect(paged).toEqual(changes);
    const projected = await all('limit=100&fields=I003');
    expect(projected.map((c) => c.id)).toEqual(changes.map((c) => c.id));
    for (const c of projected) if (c.values) expect(c.values).toEqual({ I003: '1' });
  });

  it('never carries a clear ID number, name or birth date', async () => {
    const res = await get(`${C(grantId)}?cursor=c.0&limit=1000`);
    expect(res.statusCode).toBe(200);
    for (const p of PEOPLE) {
      expect(res.body).not.toContain(p.id_number);
      expect(res.body).not.toContain(p.name);
      expect(res.body).not.toContain(p.birth_date);
    }
    // From the start of the log (an explicit cursor) the initial load's men appear as inserts too.
    const fromStart = res.json<Page>().changes;
    expect(fromStart.filter((c) => c.op === 'insert').length).toBeGreaterThan(
      EXPECTED.filter(([, op]) => op === 'insert').length,
    );
  });

  it('signs every page and records one access event per response', async () => {
    const count = async () =>
      Number(
        (
          await sql<{ n: number | string }>`select count(*) as n from exchange_access
            where grant_id = ${grantId} and method = 'changes'`.execute(t.platform.db.kysely)
        ).rows[0]!.n,
      );
    const before = await count();
    const res = await get(`${C(grantId)}?limit=3`);
    expect(res.statusCode).toBe(200);
    const keys = (await send(t, 'GET', '/api/v1/platform/keys')).json<
      { purpose: string; id: string; alg: string; publicKeyPem: string }[]
    >();
    const keyFor = (kid: string): PublicKeyInfo | undefined => {
      const k = keys.find((x) => x.purpose === 'response' && x.id === kid);
      return k && { alg: k.alg as PublicKeyInfo['alg'], publicPem: k.publicKeyPem };
    };
    expect(verifyDetachedJws(String(res.headers['x-orderly-signature']), res.rawPayload, keyFor).ok).toBe(
      true,
    );
    const ev = (
      await sql<{ action: string; details: string }>`select action, details from audit_events
        where id = ${String(res.headers['x-orderly-evidence-id'])}`.execute(t.platform.db.kysely)
    ).rows[0]!;
    expect(ev.action).toBe('exchange.changes');
    // A limit counts log entries read: 李四's change, outside the filter, is read and left out.
    expect(JSON.parse(ev.details)).toMatchObject({
      rows: res.json<Page>().changes.length,
      fields: 'I001,I003,I004',
    });
    expect(res.json<Page>().changes).toHaveLength(2);
    expect(await count()).toBe(before + 1);
  });

  it('refuses bad cursors, ungranted fields and grants without the subscription method', async () => {
    expect((await get(`${C(grantId)}?cursor=s.abc`)).statusCode).toBe(400);
    const outside = await get(`${C(grantId)}?fields=I002`);
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.details.reason).toBe('FIELDS');
    const apiOnly = await issueSubscriptionGrant(t, w, ['api']);
    const denied = await get(C(apiOnly));
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.details.reason).toBe('METHOD_NOT_GRANTED');
  });

  it("gives each grant its own record references, so two grants' copies cannot be joined", async () => {
    const other = await issueSubscriptionGrant(t, w);
    const mine = await refsOf(t, grantId, token);
    const theirs = await refsOf(t, other, token);
    expect(theirs.size).toBe(mine.size);
    for (const ref of theirs.keys()) expect(mine.has(ref)).toBe(false);
    // Within a grant the reference is stable: every change of a record carries the same one.
    expect(new Set(mine.values()).size).toBe(mine.size);
  });

  it('marks a disputed record in its changes; the dispute and its end arrive as updates', async () => {
    const head = (await get(`${C(grantId)}?limit=1000`)).json<Page>().next;
    const rid = w.resources.population;
    // 孙八 (gender 1: inside the grant's filter), flagged and released as the objection loop does it.
    const sun = (await t.platform.datastore.rows(rid, { limit: 100 })).find(
      (r) => r.values.id_number === PEOPLE[5]!.id_number,
    )!;
    const flag = (on: boolean) =>
      t.platform.db.kysely
        .transaction()
        .execute((tx) => t.platform.datastore.setDisputed(tx, rid, [sun.key], on, 'objection:test'));
    expect(await flag(true)).toBe(1);
    expect(await flag(true)).toBe(0); // already flagged: no new version
    t.clock.advance(5000);
    const flagged = await all(`cursor=${head}`);
    expect(flagged).toHaveLength(1);
    expect(flagged[0]).toMatchObject({ op: 'update', rev: sun.rev + 1, values: { _disputed: true } });
    // The record's earlier changes read with the flag as well: it is the record's state now.
    const earlier = (await all('limit=100')).filter((c) => c.key === flagged[0]!.key && c.values);
    expect(earlier.every((c) => c.values!._disputed === true)).toBe(true);

    const head2 = (await get(`${C(grantId)}?cursor=${head}`)).json<Page>().next;
    expect(await flag(false)).toBe(1);
    t.clock.advance(5000);
    const released = await all(`cursor=${head2}`);
    expect(released).toHaveLength(1);
    expect(released[0]).toMatchObject({ op: 'update', rev: sun.rev + 2 });
    expect(released[0]!.values).not.toHaveProperty('_disputed');
    // Same values as before the dispute: the flag was the only change.
    const { _disputed: _, ...before } = flagged[0]!.values!;
    expect(released[0]!.values).toEqual(before);
  });

  it('indexes existing logs by key and version for the previous-version lookup (idempotent migration)', async () => {
    const m = datastoreMigrations.find((x) => x.name === '20261129_1310_datastore_log_key_index')!;
    // Existing log tables already have the index (created with the table): the migration passes over them.
    await m.up(t.platform.db.kysely as never, engine);
    await m.up(t.platform.db.kysely as never, engine);
  });

  it('answers 410 with a re-sync cursor once the cursor is older than the retention', async () => {
    const head = (await get(`${C(grantId)}?limit=1000`)).json<Page>().next;
    t.clock.advance(31 * 86_400_000);
    token = await w.clientToken();
    const gone = await get(`${C(grantId)}?cursor=c.0`);
    expect(gone.statusCode).toBe(410);
    const details = gone.json().error.details as { reason: string; resync: string; cursor: string };
    expect(details.reason).toBe('CURSOR_EXPIRED');
    expect(details.resync).toBe(`/api/v1/exchange/grants/${grantId}/records`);
    expect(details.cursor).toBe(head);
    // Nothing changed since: following the given cursor is an empty page, not an error.
    const fresh = await get(`${C(grantId)}?cursor=${details.cursor}`);
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json<Page>()).toMatchObject({ changes: [], next: head, hasMore: false });
  });
});
