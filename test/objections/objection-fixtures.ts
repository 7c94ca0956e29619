import { createUser, grantRole, send, tokenFor } from '../support/identity-helpers.js';
import type { TestPlatform } from '../support/platform.js';
import { buildExchangeWorld, PEOPLE, type ExchangeWorld } from '../exchange/exchange-fixtures.js';
import { ctxOf, issueGrant, partRequest } from '../sharing/grant-helpers.js';
import { loadRows } from '../sharing/sharing-fixtures.js';

// The objection suites' world (SCENARIOS S4): the exchange world's six persons in 人口基本信息 (公安局, org A),
// two of them stored with a birth date that contradicts their ID number (flagged by the generated cross-field
// rule, as a load would). 民政局 (org B) holds a grant with a row filter (gender 1: four persons, both wrong
// ones among them); 自然资源和规划局 (org C) holds a second grant on the whole resource.

/** The generated ID-vs-birth-date rule the wrong rows break. */
export const ID_BIRTH_RULE = 'gen:id_number+birth_date:idBirthDate';

/** The two persons with a wrong birth date (true one in PEOPLE) and what is stored. */
export const WRONG = [
  { person: PEOPLE[0]!, stored: '1981-01-01' },
  { person: PEOPLE[2]!, stored: '1991-03-03' },
];

/** The world plus the two grants and org C's consumer. */
export interface ObjectionWorld extends ExchangeWorld {
  grantB: string;
  grantC: string;
  consumerC: string;
}

/** Builds the objection world. */
export async function buildObjectionWorld(t: TestPlatform): Promise<ObjectionWorld> {
  const w = await buildExchangeWorld(t);
  const R = w.resources.population;
  await t.platform.db.kysely.transaction().execute(async (tx) => {
    await t.platform.datastore.writeBatch(
      tx,
      R,
      'upsert',
      WRONG.map((x, i) => ({
        rowNo: i + 1,
        values: { ...x.person, birth_date: x.stored },
        flags: [ID_BIRTH_RULE],
      })),
      'test-fixture',
    );
  });
  const idC = await createUser(t, w.tokens.sysadmin, { orgId: w.orgC, username: 'w.consumer-c' });
  await grantRole(t, w.tokens.secadmin, idC, 'consumer');
  const c = await send(t, 'POST', '/api/v1/clients', {
    token: w.tokens.sysadmin,
    payload: {
      orgId: w.orgC,
      name: '不动产核对系统',
      authMethod: 'client_secret',
      scopes: ['exchange:read'],
    },
  });
  const clientC = c.json<{ id: string }>().id;
  const approver = await ctxOf(t, w.tokens.approver);
  const items = [
    { code: 'I001' },
    { code: 'I002' },
    { code: 'I003' },
    { code: 'I004', mask: { kind: 'clear' } },
  ];
  const grantB = await issueGrant(t, approver, partRequest(w, 'population', { clientIds: [w.clientB] }), {
    items,
    rowFilter: { eq: { item: 'I003', value: '1' } },
    loosenReasons: { I004: '核对出生日期' },
  });
  const grantC = await issueGrant(
    t,
    approver,
    partRequest(w, 'population', { consumerOrgId: w.orgC, clientIds: [clientC], methods: ['api'] }),
    { items, loosenReasons: { I004: '核对出生日期' } },
  );
  return { ...w, grantB, grantC, consumerC: await tokenFor(t, 'w.consumer-c') };
}

/** Rows of a grant through the exchange records API as a consumer user, by ID number (clear in the store). */
export async function recordsAs(
  t: TestPlatform,
  token: string,
  grantId: string,
): Promise<Record<string, unknown>[]> {
  const res = await send(t, 'GET', `/api/v1/exchange/grants/${grantId}/records?limit=100`, { token });
  if (res.statusCode !== 200) throw new Error(`records: ${res.statusCode} ${res.body}`);
  return res.json<{ items: Record<string, unknown>[] }>().items;
}

export { loadRows };
