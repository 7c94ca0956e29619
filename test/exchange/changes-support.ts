import { send } from '../support/identity-helpers.js';
import type { TestPlatform } from '../support/platform.js';
import { ctxOf, issueGrant, partRequest } from '../sharing/grant-helpers.js';
import { loadRows } from '../sharing/sharing-fixtures.js';
import { masking } from '../../src/modules/catalogue/index.js';
import { fitsWatermarked, PEOPLE, type ExchangeWorld } from './exchange-fixtures.js';

const { applyMask } = masking;

// Shared by the change-feed suites: a grant with the subscription method (gender = 1 only, the name not
// granted, the birth date masked to the year), the edits that exercise every row-filter transition, and a
// map from the store's row keys to the persons they are.

/** One person of the fixture (values by item name). */
export type Person = (typeof PEOPLE)[number];

/** Issues the subscription grant for the world's client; returns its id. */
export async function issueSubscriptionGrant(
  t: TestPlatform,
  w: ExchangeWorld,
  methods = ['api', 'subscription'],
) {
  return issueGrant(
    t,
    await ctxOf(t, w.tokens.approver),
    partRequest(w, 'population', { clientIds: [w.clientId, w.clientB], methods }),
    {
      items: [{ code: 'I001' }, { code: 'I003' }, { code: 'I004', mask: { kind: 'dateToYear' } }],
      rowFilter: { eq: { item: 'I003', value: '1' } },
      methods,
    },
  );
}

const P = (i: number): Person => PEOPLE[i]!;

/** Edits after activation, in log order: the updates of an upsert batch (one transaction). */
export async function editBatch(t: TestPlatform, w: ExchangeWorld, persons: Record<string, string>[]) {
  await loadRows(t, w.resources.population, persons);
}

/** 张三丰 renamed (in → in: update), 李四 re-dated (out → out: nothing). */
export const RENAME = [
  { ...P(0), name: '张三' },
  { ...P(1), birth_date: '1985-12-12' },
];
/** 王五 leaves the filter (delete), 钱七 enters it (insert), a new man (insert) and a new woman (nothing). */
export const MOVES = [
  { ...P(2), gender: '2' },
  { ...P(4), gender: '1' },
  { id_number: '330106201007070077', name: '周九', gender: '1', birth_date: '2010-07-07' },
  { id_number: '330106201108080088', name: '吴十', gender: '2', birth_date: '2011-08-08' },
];

/** Deletes 赵六 (a full replace without him): in → deleted, a delete. */
export async function deleteZhaoLiu(t: TestPlatform, w: ExchangeWorld) {
  const ds = t.platform.datastore;
  const rid = w.resources.population;
  const current = (await ds.rows(rid, { limit: 100 })).map((r) => r.values);
  const keep = current.filter((v) => v.id_number !== P(3).id_number);
  await t.platform.db.kysely.transaction().execute((tx) => ds.beginReplace(tx, rid));
  await t.platform.db.kysely.transaction().execute(async (tx) => {
    await ds.writeBatch(
      tx,
      rid,
      'replace',
      keep.map((values, i) => ({ rowNo: i + 1, values, flags: [] })),
      'test-replace',
    );
    await ds.finishReplace(tx, rid, 'test-replace');
  });
}

/**
 * A grant's record reference → the last two digits of the ID number, from the whole feed (cursor c.0): every
 * record the grant ever saw had an insert or update with values. The delivered ID is masked and watermarked
 * (one more shown character hidden), so the person is the one whose masked ID the delivered one fits.
 */
export async function refsOf(t: TestPlatform, grantId: string, token: string): Promise<Map<string, string>> {
  const res = await send(t, 'GET', `/api/v1/exchange/grants/${grantId}/changes?cursor=c.0&limit=1000`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const changes = res.json<{ changes: { key: string; values: { I001: string; I004: unknown } | null }[] }>()
    .changes;
  const persons = [...new Map([...PEOPLE, ...MOVES].map((p) => [p.id_number, p])).values()];
  const who = (v: { I001: string; I004: unknown }) => {
    const fit = persons.filter(
      (p) =>
        fitsWatermarked(v.I001, applyMask({ kind: 'idNumber' }, p.id_number) as string) &&
        String(v.I004) === p.birth_date.slice(0, 4),
    );
    if (fit.length !== 1) throw new Error(`${v.I001} fits ${fit.length} persons`);
    return fit[0]!.id_number.slice(-2);
  };
  return new Map(changes.flatMap((c) => (c.values ? [[c.key, who(c.values)] as const] : [])));
}

/** The changes the edits above must produce, in order: [last two digits of the ID number, op]. */
export const EXPECTED: [string, string][] = [
  [P(0).id_number.slice(-2), 'update'],
  [P(2).id_number.slice(-2), 'delete'],
  [P(4).id_number.slice(-2), 'insert'],
  ['77', 'insert'],
  [P(3).id_number.slice(-2), 'delete'],
];
