import type { TestPlatform } from '../support/platform.js';
import { createUser, grantRole, send, tokenFor, type World } from '../support/identity-helpers.js';

/** A conditional 一般3 population resource (valid under the default policy). */
export function populationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    classification: { category: 'basic', item: '01', catalog: '001' },
    name: '人口基本信息',
    summary: '本市户籍人口的基本信息，包括身份证号、姓名、性别、出生日期和户籍地址。',
    format: 'table',
    items: [
      {
        name: 'id_number',
        label: '公民身份号码',
        dataType: 'string',
        length: 18,
        primaryKey: true,
        piiKind: 'idNumber',
        nationalLevel: 'general3',
      },
      {
        name: 'name',
        label: '姓名',
        dataType: 'string',
        length: 50,
        piiKind: 'name',
        nationalLevel: 'general3',
      },
      { name: 'gender', label: '性别', dataType: 'string', length: 1, nationalLevel: 'general1' },
      {
        name: 'birth_date',
        label: '出生日期',
        dataType: 'date',
        piiKind: 'birthDate',
        nationalLevel: 'general2',
      },
    ],
    share: {
      type: 'conditional',
      condition: '仅用于政务服务中的身份核验',
      methods: ['api', 'verification'],
      basis: '《政务数据共享条例》第十二条',
    },
    open: { type: 'closed', reason: { kind: 'sensitive', text: '涉及个人信息' } },
    updateCycle: 'daily',
    tags: ['户籍', '人口'],
    contact: { name: '王敏', phone: '0571-87001234', email: 'data@gaj.example.gov.cn' },
    ...overrides,
  };
}

/** An unconditional, open 一般1 resource. */
export function openBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    classification: { category: 'theme', item: '01', catalog: '002' },
    name: '公共图书馆名录',
    summary: '全市公共图书馆的名称、地址、开放时间。',
    format: 'table',
    items: [
      {
        name: 'library_id',
        label: '图书馆编号',
        dataType: 'string',
        length: 20,
        primaryKey: true,
        nationalLevel: 'general1',
      },
      {
        name: 'library_name',
        label: '图书馆名称',
        dataType: 'string',
        length: 100,
        nationalLevel: 'general1',
      },
      {
        name: 'opening_hours',
        label: '开放时间',
        dataType: 'string',
        length: 100,
        nationalLevel: 'general1',
      },
    ],
    share: { type: 'unconditional', methods: ['api', 'package', 'subscription'] },
    open: { type: 'open' },
    updateCycle: 'monthly',
    tags: ['文化'],
    contact: { name: '李静', phone: '0571-87005678' },
    ...overrides,
  };
}

/** Adds a steward in org B (the world has none). */
export async function stewardOfB(t: TestPlatform, w: World): Promise<string> {
  const id = await createUser(t, w.tokens.sysadmin, { orgId: w.orgB, username: 'w.steward-b' });
  await grantRole(t, w.tokens.secadmin, id, 'steward');
  return tokenFor(t, 'w.steward-b');
}

/** Creates, submits and approves a resource; returns its id. */
export async function publish(
  t: TestPlatform,
  steward: string,
  reviewer: string,
  body: Record<string, unknown>,
) {
  const c = await send(t, 'POST', '/api/v1/catalogue/resources', { token: steward, payload: body });
  if (c.statusCode !== 201) throw new Error(`create: ${c.statusCode} ${c.body}`);
  const id = c.json<{ id: string }>().id;
  const s = await send(t, 'POST', `/api/v1/catalogue/resources/${id}/submit`, { token: steward });
  if (s.statusCode !== 200) throw new Error(`submit: ${s.statusCode} ${s.body}`);
  const r = await send(t, 'POST', `/api/v1/catalogue/resources/${id}/review`, {
    token: reviewer,
    payload: { decision: 'approve' },
  });
  if (r.statusCode !== 200) throw new Error(`approve: ${r.statusCode} ${r.body}`);
  return id;
}
