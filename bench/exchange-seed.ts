import { sql } from 'kysely';
import { makeUscc, newId, systemContext, type RequestContext } from '../src/kernel/index.js';
import { tableNames } from '../src/modules/datastore/domain/layout.js';
import type { Platform } from '../src/server/platform.js';
import { personResourceBody, personValues } from './ingest-child.js';

// The world of `npm run bench -- exchange`, built through the platform's own services (no mocks; SQL only to ANALYZE): a
// provider (公安局) publishing the ingest benchmark's person resource plus a person number (人员编号), its
// rows stored through the data store's write path, a consumer (民政局) with a client_secret API client, and a
// grant of all eleven items with their default masks for `api` and `verification`, without quota or rate
// limit. Also the request mix the parent sends, derived from the same deterministic person generator.
//
// Why eleven items: the issue's page has 10 items, 3 masked, 1 encrypted, filtered on an indexed item. The data
// store indexes only `_key` and the blind indexes of encrypted items, and a consumer may filter only on items
// granted unmasked; the level policy never lets an 一般3 ID number out unmasked. So the page's indexed filter
// is an `in` over 100 person numbers (一般3 without PII kind: encrypted, blind-indexed, granted clear), and the
// page asks for the ten items other than the ID number (name, birth date and mobile masked; the person number
// the one encrypted item decrypted). The ID number (also 一般3, encrypted) is what verification looks people up
// by, with the name, through its blind index — the usual 身份证号 + 姓名 check. The name drops to 一般2 so the
// page decrypts one item only.

/** What the parent needs to call the governed and bare routes; kept in the data directory across restarts. */
export interface ExchangeWorld {
  resourceId: string;
  grantId: string;
  clientId: string;
  clientSecret: string;
  rows: number;
  /** Item codes by name (I001 …). */
  codes: Record<string, string>;
}

/** Items masked on the records page (by name): three of its ten, each with the default of its PII kind. */
export const MASKED = ['name', 'birth_date', 'mobile'] as const;

/** The records page's items: all but the ID number. */
export const PAGE_ITEMS = [
  'name',
  'gender',
  'birth_date',
  'nation',
  'household_region',
  'education',
  'marital_status',
  'mobile',
  'registered_at',
  'person_no',
] as const;

/** Rows per page of the records scenario. */
export const PAGE = 100;

/** The person resource: the name drops to 一般2; the person number is added at 一般3 (encrypted, not PII). */
function resourceBody(methods: readonly string[]): Record<string, unknown> {
  const body = personResourceBody();
  const items = (body.items as Record<string, unknown>[]).map((i) =>
    i.name === 'name' ? { ...i, nationalLevel: 'general2' } : i,
  );
  items.push({
    name: 'person_no',
    label: '人员编号',
    dataType: 'string',
    length: 12,
    nationalLevel: 'general3',
  });
  const share = { ...(body.share as Record<string, unknown>), methods };
  return { ...body, name: '人口基本信息（交换基准测试）', items, share };
}

/** A stored person: the ingest generator's values plus the person number. */
export interface Person {
  values: Record<string, string>;
  flags: string[];
}

/** The first `n` valid persons of the generator (the invalid ones are skipped). */
export function* validPersons(n: number): Generator<Person> {
  let made = 0;
  for (let i = 0; made < n; i++) {
    const p = personValues(i);
    if (!p) continue;
    made++;
    const values = { ...(p.values as Record<string, string>), person_no: `P${String(i).padStart(11, '0')}` };
    yield { values, flags: p.flags };
  }
}

const BATCH = 2000;

/** Builds the world on an empty platform (bootstrap, orgs, resource, rows, client, grant of `methods`). */
export async function seedExchangeWorld(
  p: Platform,
  rows: number,
  methods: readonly string[] = ['api', 'verification'],
): Promise<ExchangeWorld> {
  const boot = await p.identity.bootstrap.run(systemContext('bench', newId()), {
    operator: {
      name: '基准测试市大数据管理局',
      uscc: makeUscc('1', '1', '330100', 'TB0000001'),
      regionCode: '330100',
      level: 'municipal',
    },
    users: [
      { role: 'sysadmin', username: 'sysadmin', displayName: '系统管理员', password: 'Bench-Passw0rd!' },
      { role: 'secadmin', username: 'secadmin', displayName: '安全管理员', password: 'Bench-Passw0rd!' },
      { role: 'auditor', username: 'auditor', displayName: '审计员', password: 'Bench-Passw0rd!' },
    ],
  });
  // Service contexts of people holding the roles (the services check roles, not sessions).
  const as = (orgId: string, roles: ('sysadmin' | 'steward' | 'reviewer')[]): RequestContext => ({
    requestId: newId(),
    actor: { kind: 'user', id: newId(), orgId, roles, scopes: [], mfa: true },
  });
  const sysadmin = as(boot.operatorOrgId, ['sysadmin']);
  const org = (name: string, serial: string) =>
    p.identity.organisations.create(sysadmin, {
      name,
      uscc: makeUscc('1', '1', '330100', serial),
      regionCode: '330100',
      level: 'municipal',
    });
  const provider = await org('基准测试市公安局', 'TB0000002');
  const consumer = await org('基准测试市民政局', 'TB0000003');

  const steward = as(provider.id, ['steward']);
  const r = await p.catalogue.resources.create(steward, resourceBody(methods));
  await p.catalogue.resources.submit(steward, r.id);
  await p.catalogue.resources.review(as(boot.operatorOrgId, ['reviewer']), r.id, { decision: 'approve' });
  const published = await p.catalogue.browse.published(r.id);
  if (!published) throw new Error('the bench resource did not publish');
  const codes = Object.fromEntries(published.doc.items.map((i) => [i.name, i.code]));

  // Rows through the data store's write path (encryption, blind index, row key and hash, change log).
  let batch: { rowNo: number; values: Record<string, string>; flags: string[] }[] = [];
  let rowNo = 0;
  const flush = async () => {
    const b = batch;
    batch = [];
    await p.db.kysely
      .transaction()
      .execute((tx) => p.datastore.writeBatch(tx, r.id, 'upsert', b, 'bench-exchange-seed'));
  };
  for (const person of validPersons(rows)) {
    batch.push({ rowNo: ++rowNo, values: person.values, flags: person.flags });
    if (batch.length === BATCH) await flush();
  }
  if (batch.length) await flush();
  // PostgreSQL plans from table statistics: until autovacuum analyzes the freshly loaded table (a minute or so
  // later) its blind-index lookups run as sequential scans (27 ms instead of 2 ms for a page here). The bench
  // measures the steady state, so it analyzes at once.
  if (p.db.engine === 'postgres') await sql.raw(`analyze "${tableNames(r.id, 1).data}"`).execute(p.db.kysely);

  const client = await p.identity.clients.create(sysadmin, {
    orgId: consumer.id,
    name: '低保核对系统（基准测试）',
    authMethod: 'client_secret',
    scopes: ['exchange:read', 'exchange:verify'],
  });
  if (!client.clientSecret) throw new Error('the bench client got no secret');
  const names = published.doc.items.map((i) => i.name);
  const req = {
    applicationId: newId(),
    partId: newId(),
    resourceId: r.id,
    providerOrgId: provider.id,
    consumerOrgId: consumer.id,
    items: names.map((n) => codes[n]!),
    methods: [...methods],
    durationDays: 365,
    clientIds: [client.id],
    purpose: '最低生活保障资格审核（基准测试）',
  };
  // No mask given = the item's default: its PII kind's, clear for items without one.
  const proposed = {
    items: names.map((n) => ({ code: codes[n]! })),
    rateLimitPerMinute: null,
    dailyRowQuota: null,
  };
  const grantId = await p.db.kysely.transaction().execute(async (tx) => {
    const scope = await p.sharing.grants.checkScope(tx, req, proposed);
    const onPage = new Set(PAGE_ITEMS.map((n) => codes[n]!));
    const masked = scope.items.filter(
      (i) => onPage.has(i.code) && (i.mask as { kind: string }).kind !== 'clear',
    );
    const expected = MASKED.map((n) => codes[n]!).sort();
    if (
      masked
        .map((i) => i.code)
        .sort()
        .join() !== expected.join()
    )
      throw new Error(`the page masks ${JSON.stringify(masked)}, expected ${expected.join()}`);
    return (await p.sharing.grants.issue(tx, systemContext('bench', newId()), req, scope)).grantId;
  });
  return { resourceId: r.id, grantId, clientId: client.id, clientSecret: client.clientSecret, rows, codes };
}

/** `count` records query strings: the ten page items of PAGE persons picked by person number (an `in` on its
 * blind index), windows spread over the table so the pages differ. */
export function recordsQueries(world: ExchangeWorld, count: number): string[] {
  const numbers = [...validPersons(world.rows)].map((p) => p.values.person_no!);
  const fields = PAGE_ITEMS.map((n) => world.codes[n]!).join(',');
  const step = Math.max(1, Math.floor((numbers.length - PAGE) / count));
  return Array.from({ length: count }, (_, k) => {
    const from = (k * step) % (numbers.length - PAGE + 1);
    const filter = { in: { item: world.codes.person_no!, values: numbers.slice(from, from + PAGE) } };
    return `?fields=${fields}&limit=${PAGE}&filter=${encodeURIComponent(JSON.stringify(filter))}`;
  });
}

/** Records query strings with a plain-column filter instead (equality on the household region, 13 counties):
 * a `_key`-ordered scan of about 13 × 100 rows per page — what a filter on an unindexed item costs. */
export function scanQueries(world: ExchangeWorld): string[] {
  const counties = new Set<string>();
  for (const p of validPersons(Math.min(world.rows, 1000))) counties.add(p.values.household_region!);
  const fields = PAGE_ITEMS.map((n) => world.codes[n]!).join(',');
  return [...counties].sort().map((c) => {
    const filter = { eq: { item: world.codes.household_region!, value: c } };
    return `?fields=${fields}&limit=${PAGE}&filter=${encodeURIComponent(JSON.stringify(filter))}`;
  });
}

/** `count` verification bodies: ID number and name of a person, every other one with a wrong name (no match). */
export function verifyBodies(world: ExchangeWorld, count: number): string[] {
  const people = [...validPersons(world.rows)].map((p) => p.values);
  const step = Math.max(1, Math.floor(people.length / count));
  return Array.from({ length: count }, (_, k) => {
    const p = people[(k * step) % people.length]!;
    const name = k % 2 ? p.name! : `${p.name!}某`;
    return JSON.stringify({ values: { [world.codes.id_number!]: p.id_number, [world.codes.name!]: name } });
  });
}
