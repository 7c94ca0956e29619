import { populationBody, openBody, publish } from '../catalogue/catalogue-fixtures.js';
import {
  buildWorld,
  createOrg,
  createUser,
  grantRole,
  send,
  tokenFor,
  type World,
} from '../support/identity-helpers.js';
import type { TestPlatform } from '../support/platform.js';

// A world for the sharing workflow (SCENARIOS S2): 民政局 (org B of the identity world) consumes; 公安局 (org A)
// and a third organisation, 自然资源和规划局 (org C), provide. Resources cover the share types and levels the
// default policy table distinguishes.

/** Published resources of the sharing world, by role in the tests. */
export interface SharingResources {
  /** 公安局, 有条件, 一般3 with PII (I001 id number, I002 name, I003 gender, I004 birth date); api + verification. */
  population: string;
  /** 公安局, 无条件, 一般1 (I001–I003); api, package, subscription. */
  libraries: string;
  /** 公安局, 有条件, one 重要 item (I002): the bureau pre-reviews; verification and sandbox only at that level. */
  household: string;
  /** 公安局, 有条件 with one 不予共享 item (I003). */
  criminal: string;
  /** 自然资源和规划局 (org C), 有条件, 一般3; api, package, verification. */
  property: string;
}

/** The identity world plus the sharing parties. */
export interface SharingWorld extends World {
  /** The third organisation (a second provider). */
  orgC: string;
  /** Tokens of the sharing parties (besides `w.tokens`). */
  consumerB: string;
  approverC: string;
  stewardC: string;
  /** User ids of the sharing parties. */
  consumerBId: string;
  approverCId: string;
  /** A second, active API client of org B. */
  clientB2: string;
  resources: SharingResources;
}

async function userWithRole(
  t: TestPlatform,
  w: World,
  orgId: string,
  username: string,
  role: 'consumer' | 'approver' | 'steward',
): Promise<{ id: string; token: string }> {
  const id = await createUser(t, w.tokens.sysadmin, { orgId, username });
  await grantRole(t, w.tokens.secadmin, id, role);
  return { id, token: await tokenFor(t, username) };
}

/** A conditional resource with a 重要 item: applications touching it go through the bureau's pre-review. */
export function householdBody(): Record<string, unknown> {
  const base = populationBody();
  const items = (base.items as Record<string, unknown>[]).slice(0, 2).map((i) => ({ ...i }));
  items[1] = { ...items[1], name: 'household_address', label: '户籍地址', piiKind: 'address', length: 200 };
  items[1]!.nationalLevel = 'important';
  return populationBody({
    classification: { category: 'basic', item: '01', catalog: '002' },
    name: '户籍登记信息',
    items,
    share: {
      type: 'conditional',
      condition: '仅限法定职责范围内使用',
      methods: ['verification', 'sandbox'],
      basis: '《户口登记条例》',
    },
  });
}

/** A conditional resource with one item that may not be shared at all. */
export function criminalBody(): Record<string, unknown> {
  const base = populationBody();
  const items = (base.items as Record<string, unknown>[]).slice(0, 3).map((i) => ({ ...i }));
  items[2] = {
    name: 'record_note',
    label: '处理记录',
    dataType: 'string',
    length: 500,
    nationalLevel: 'general3',
    shareType: 'none',
  };
  return populationBody({
    classification: { category: 'basic', item: '01', catalog: '003' },
    name: '治安管理信息',
    items,
  });
}

/** A conditional 一般3 property resource of the second provider. */
export function propertyBody(): Record<string, unknown> {
  const base = populationBody();
  const items = (base.items as Record<string, unknown>[]).slice(0, 2).map((i) => ({ ...i }));
  items.push(
    { name: 'property_no', label: '不动产单元号', dataType: 'string', length: 28, nationalLevel: 'general2' },
    { name: 'area', label: '建筑面积', dataType: 'number', scale: 2, nationalLevel: 'general2' },
  );
  return populationBody({
    classification: { category: 'basic', item: '04', catalog: '001' },
    name: '不动产登记信息',
    summary: '本市不动产登记的权利人、不动产单元号和建筑面积。',
    items,
    share: {
      type: 'conditional',
      condition: '用于社会救助等法定职责的核对',
      methods: ['api', 'package', 'verification'],
      basis: '《不动产登记暂行条例》第二十七条',
    },
    contact: { name: '赵磊', phone: '0571-87009876' },
  });
}

/** Builds the sharing world: parties, a second client of org B, and the five published resources. */
export async function buildSharingWorld(t: TestPlatform): Promise<SharingWorld> {
  const w = await buildWorld(t);
  const orgC = await createOrg(t, w.tokens.sysadmin, { name: '测试市自然资源和规划局' });
  const consumer = await userWithRole(t, w, w.orgB, 'w.consumer-b', 'consumer');
  const approverC = await userWithRole(t, w, orgC, 'w.approver-c', 'approver');
  const stewardC = await userWithRole(t, w, orgC, 'w.steward-c', 'steward');
  const c2 = await send(t, 'POST', '/api/v1/clients', {
    token: w.tokens.sysadmin,
    payload: {
      orgId: w.orgB,
      name: '民政局低保系统',
      authMethod: 'client_secret',
      scopes: ['exchange:read'],
    },
  });
  if (c2.statusCode !== 201) throw new Error(`create client: ${c2.statusCode} ${c2.body}`);
  const steward = w.tokens.steward;
  const reviewer = w.tokens.reviewer;
  const resources: SharingResources = {
    population: await publish(t, steward, reviewer, populationBody()),
    libraries: await publish(t, steward, reviewer, openBody()),
    household: await publish(t, steward, reviewer, householdBody()),
    criminal: await publish(t, steward, reviewer, criminalBody()),
    property: await publish(t, stewardC.token, reviewer, propertyBody()),
  };
  return {
    ...w,
    orgC,
    consumerB: consumer.token,
    consumerBId: consumer.id,
    approverC: approverC.token,
    approverCId: approverC.id,
    stewardC: stewardC.token,
    clientB2: c2.json<{ id: string }>().id,
    resources,
  };
}

/** Stores rows in a resource's data store (so its data counts as "on the platform"); values by item name. */
export async function loadRows(
  t: TestPlatform,
  resourceId: string,
  rows: Record<string, string | number | null>[],
): Promise<void> {
  await t.platform.db.kysely.transaction().execute(async (tx) => {
    await t.platform.datastore.writeBatch(
      tx,
      resourceId,
      'upsert',
      rows.map((values, i) => ({ rowNo: i + 1, values, flags: [] })),
      'test-fixture',
    );
  });
}

/** A valid application body for the consumer of org B over the given parts. */
export function applicationBody(
  w: SharingWorld,
  parts: { resourceId: string; items: string[]; methods: string[] }[],
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    title: '最低生活保障资格审核数据申请',
    purpose: '最低生活保障资格审核',
    basis: '《社会救助暂行办法》第十一条',
    scenario: '低保申请家庭收入和财产核对',
    durationDays: 365,
    expectedVolume: { callsPerDay: 2000 },
    clientIds: [w.clientB],
    parts,
    ...overrides,
  };
}
