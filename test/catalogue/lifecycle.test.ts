import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogueListener, VersionPublished } from '../../src/modules/catalogue/index.js';
import { testEngines } from '../support/engines.js';
import {
  buildWorld,
  expectError,
  invalidFields,
  newAuditEvents,
  send,
  type World,
} from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { openBody, populationBody, publish, stewardOfB } from './catalogue-fixtures.js';

const engines = await testEngines();
const R = '/api/v1/catalogue/resources';

describe.each(engines)('catalogue lifecycle on %s', (engine) => {
  let t: TestPlatform;
  let w: World;
  let stewardB: string;
  const published: VersionPublished[] = [];
  const withdrawn: string[] = [];
  beforeAll(async () => {
    t = await startTestPlatform(engine);
    w = await buildWorld(t);
    stewardB = await stewardOfB(t, w);
    const l: CatalogueListener = {
      versionPublished: async (_tx, _ctx, e) => void published.push(e),
      resourceWithdrawn: async (_tx, _ctx, e) => void withdrawn.push(e.resourceId),
    };
    t.platform.catalogue.events.on(l);
  });
  afterAll(async () => t.close());

  it('a steward registers a draft with a deterministic code and an evidence event', async () => {
    let res!: Awaited<ReturnType<typeof send>>;
    const events = await newAuditEvents(t, async () => {
      res = await send(t, 'POST', R, { token: w.tokens.steward, payload: populationBody() });
    });
    expect(res.statusCode).toBe(201);
    const r = res.json();
    const uscc = (
      await send(t, 'GET', `/api/v1/organisations/${w.orgA}`, { token: w.tokens.sysadmin })
    ).json().uscc;
    expect(r.code).toBe(`101001-${uscc}-00001`);
    expect(r).toMatchObject({
      status: 'draft',
      version: 1,
      versionStatus: 'draft',
      level: 'general3',
      provincialLevel: 'L3',
    });
    expect(r.items.map((i: { code: string }) => i.code)).toEqual(['I001', 'I002', 'I003', 'I004']);
    expect(events.map((e) => e.action)).toEqual(['catalogue.resource.create']);
    const second = await send(t, 'POST', R, {
      token: w.tokens.steward,
      payload: populationBody({ name: '人口补充信息' }),
    });
    expect(second.json().code).toBe(`101001-${uscc}-00002`);
  });

  it('refuses bad input field by field and policy breaches with 422 and an explanation', async () => {
    const bad = populationBody({ share: { type: 'conditional', methods: ['api'] }, updateCycle: 'hourly' });
    expect(invalidFields(await send(t, 'POST', R, { token: w.tokens.steward, payload: bad }))).toContain(
      'updateCycle',
    );
    const noCondition = populationBody({ share: { type: 'conditional', methods: ['api'] } });
    expect(
      invalidFields(await send(t, 'POST', R, { token: w.tokens.steward, payload: noCondition })),
    ).toEqual(['share.condition', 'share.basis']);
    const fileApi = populationBody({ format: 'file' });
    const e0 = expectError(
      await send(t, 'POST', R, { token: w.tokens.steward, payload: fileApi }),
      400,
      'VALIDATION_FAILED',
    );
    expect(JSON.stringify(e0.details)).toMatch(/METHOD_FORMAT/);
    const body = populationBody({ share: { type: 'unconditional', methods: ['api'] } });
    (body.items as Record<string, unknown>[])[1]!.nationalLevel = 'general4';
    const e = expectError(
      await send(t, 'POST', R, { token: w.tokens.steward, payload: body }),
      422,
      'UNPROCESSABLE',
    );
    expect(e.message).toMatch(/一般4.*name.*无条件共享/);
    expect((e.details as { violations: { code: string }[] }).violations.map((v) => v.code)).toContain(
      'SHARE_TYPE',
    );
  });

  it('only stewards of the provider edit; other organisations do not see drafts', async () => {
    expectError(
      await send(t, 'POST', R, { token: w.tokens.consumer, payload: populationBody() }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await send(t, 'POST', R, { token: w.tokens.steward, payload: { ...populationBody(), orgId: w.orgB } }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await send(t, 'POST', R, { token: w.tokens.reviewer, payload: populationBody() }),
      403,
      'FORBIDDEN',
    );
    const id = (
      await send(t, 'POST', R, { token: w.tokens.steward, payload: populationBody({ name: '草稿' }) })
    ).json().id;
    expectError(await send(t, 'GET', `${R}/${id}`, { token: stewardB }), 404, 'NOT_FOUND');
    expectError(
      await send(t, 'PUT', `${R}/${id}`, { token: stewardB, payload: populationBody() }),
      404,
      'NOT_FOUND',
    );
    // Drafts are the stewards' and the bureau's: a consumer of the same organisation does not see them either.
    expectError(await send(t, 'POST', `${R}/${id}/submit`, { token: w.tokens.consumer }), 404, 'NOT_FOUND');
    expect((await send(t, 'GET', `${R}/${id}`, { token: w.tokens.reviewer })).statusCode).toBe(200);
    expectError(await send(t, 'GET', R, { token: undefined }), 401, 'UNAUTHENTICATED');
  });

  it('runs draft → submitted → returned → submitted → published, with the review queue and notifications', async () => {
    const id = (await send(t, 'POST', R, { token: w.tokens.steward, payload: openBody() })).json().id;
    expect((await send(t, 'POST', `${R}/${id}/submit`, { token: w.tokens.steward })).json().status).toBe(
      'submitted',
    );
    expectError(
      await send(t, 'PUT', `${R}/${id}`, { token: w.tokens.steward, payload: openBody() }),
      409,
      'CONFLICT',
    );
    const queue = (
      await send(t, 'GET', '/api/v1/catalogue/review-queue', { token: w.tokens.reviewer })
    ).json();
    expect(queue.map((q: { resource: { id: string } }) => q.resource.id)).toContain(id);
    expectError(
      await send(t, 'GET', '/api/v1/catalogue/review-queue', { token: w.tokens.steward }),
      403,
      'FORBIDDEN',
    );
    const inbox = (await send(t, 'GET', '/api/v1/inbox', { token: w.tokens.reviewer })).json();
    expect(JSON.stringify(inbox)).toMatch(/待审核目录/);
    expect(
      invalidFields(
        await send(t, 'POST', `${R}/${id}/review`, {
          token: w.tokens.reviewer,
          payload: { decision: 'return' },
        }),
      ),
    ).toEqual(['comment']);
    expectError(
      await send(t, 'POST', `${R}/${id}/review`, {
        token: w.tokens.steward,
        payload: { decision: 'approve' },
      }),
      403,
      'FORBIDDEN',
    );
    const ret = await send(t, 'POST', `${R}/${id}/review`, {
      token: w.tokens.reviewer,
      payload: { decision: 'return', comment: '请补充开放时间的格式说明' },
    });
    expect(ret.json()).toMatchObject({ status: 'draft', versionStatus: 'returned' });
    const edited = openBody({ summary: '全市公共图书馆的名称、地址、开放时间（格式：HH:MM-HH:MM）。' });
    expect(
      (await send(t, 'PUT', `${R}/${id}`, { token: w.tokens.steward, payload: edited })).json().version,
    ).toBe(1);
    await send(t, 'POST', `${R}/${id}/submit`, { token: w.tokens.steward });
    const events = await newAuditEvents(t, async () => {
      const ok = await send(t, 'POST', `${R}/${id}/review`, {
        token: w.tokens.reviewer,
        payload: { decision: 'approve' },
      });
      expect(ok.json()).toMatchObject({ status: 'published', version: 1, publishedVersion: 1 });
    });
    expect(events.map((e) => e.action)).toContain('catalogue.resource.publish');
    expect(published.find((p) => p.resourceId === id)).toMatchObject({
      version: 1,
      previousVersion: null,
      affectsGrants: false,
    });
    // Anyone signed in now sees it.
    expect((await send(t, 'GET', `${R}/${id}`, { token: stewardB })).json().status).toBe('published');
    expectError(
      await send(t, 'POST', `${R}/${id}/review`, {
        token: w.tokens.reviewer,
        payload: { decision: 'approve' },
      }),
      409,
      'CONFLICT',
    );
  });

  it('a change opens version 2 while version 1 stays live; publishing it emits the diff', async () => {
    const id = await publish(
      t,
      w.tokens.steward,
      w.tokens.reviewer,
      populationBody({ name: '人口版本测试' }),
    );
    const v2 = populationBody({ name: '人口版本测试' });
    const items = v2.items as Record<string, unknown>[];
    items.splice(2, 1); // remove gender
    items[1] = { ...items[1]!, length: 100 }; // retype name
    items.push({ name: 'nation', label: '民族', dataType: 'string', length: 20, nationalLevel: 'general1' });
    const upd = (await send(t, 'PUT', `${R}/${id}`, { token: w.tokens.steward, payload: v2 })).json();
    expect(upd).toMatchObject({ version: 1, status: 'published', pending: { version: 2, status: 'draft' } });
    // Other organisations see version 1 only.
    const other = (await send(t, 'GET', `${R}/${id}`, { token: stewardB })).json();
    expect(other.pending).toBeNull();
    expect(other.items).toHaveLength(4);
    expect((await send(t, 'GET', `${R}/${id}/versions`, { token: stewardB })).json()).toHaveLength(1);
    expectError(await send(t, 'GET', `${R}/${id}/versions/2`, { token: stewardB }), 404, 'NOT_FOUND');
    await send(t, 'POST', `${R}/${id}/submit`, { token: w.tokens.steward });
    await send(t, 'POST', `${R}/${id}/review`, {
      token: w.tokens.reviewer,
      payload: { decision: 'approve' },
    });
    const e = published.find((p) => p.resourceId === id && p.version === 2)!;
    expect(e.diff).toMatchObject({
      itemsAdded: ['nation'],
      itemsRemoved: ['gender'],
      itemsRetyped: ['name'],
    });
    expect(e.affectsGrants).toBe(true);
    const versions = (await send(t, 'GET', `${R}/${id}/versions`, { token: stewardB })).json();
    expect(versions.map((v: { status: string }) => v.status)).toEqual(['superseded', 'published']);
    const diff = (await send(t, 'GET', `${R}/${id}/diff?from=1&to=2`, { token: stewardB })).json();
    expect(diff.itemsAdded).toEqual(['nation']);
    const v1 = (await send(t, 'GET', `${R}/${id}/versions/1`, { token: stewardB })).json();
    expect(v1.doc.items).toHaveLength(4);
    // Item codes stay with their items; the new item gets a fresh one.
    const now = (await send(t, 'GET', `${R}/${id}`, { token: stewardB })).json();
    expect(now.items.map((i: { name: string; code: string }) => `${i.name}:${i.code}`)).toEqual([
      'id_number:I001',
      'name:I002',
      'birth_date:I004',
      'nation:I005',
    ]);
  });

  it('withdrawal needs a reason, tells subscribers, and freezes the resource', async () => {
    const id = await publish(t, w.tokens.steward, w.tokens.reviewer, openBody({ name: '撤销测试' }));
    expect(
      invalidFields(await send(t, 'POST', `${R}/${id}/withdraw`, { token: w.tokens.steward, payload: {} })),
    ).toEqual(['reason']);
    expectError(
      await send(t, 'POST', `${R}/${id}/withdraw`, { token: stewardB, payload: { reason: 'x' } }),
      404,
      'NOT_FOUND',
    );
    const r = await send(t, 'POST', `${R}/${id}/withdraw`, {
      token: w.tokens.steward,
      payload: { reason: '数据源停止更新' },
    });
    expect(r.json()).toMatchObject({ status: 'withdrawn', withdrawn: { reason: '数据源停止更新' } });
    expect(withdrawn).toContain(id);
    expectError(
      await send(t, 'PUT', `${R}/${id}`, { token: w.tokens.steward, payload: openBody() }),
      409,
      'CONFLICT',
    );
    const list = (
      await send(t, 'GET', `${R}?q=${encodeURIComponent('撤销测试')}`, { token: stewardB })
    ).json();
    expect(list.total).toBe(0);
  });

  it('secadmin owns the policy table; a stricter table blocks publication of what it forbids', async () => {
    const cur = (await send(t, 'GET', '/api/v1/catalogue/policy', { token: w.tokens.steward })).json();
    expect(cur.revision).toBe(0);
    expect(cur.table.levels.general4.openTypes).toEqual(['closed']);
    const table = structuredClone(cur.table);
    table.levels.general1.openTypes = ['conditional', 'closed'];
    table.levels.general2.openTypes = ['conditional', 'closed'];
    expectError(
      await send(t, 'PUT', '/api/v1/catalogue/policy', {
        token: w.tokens.steward,
        payload: { revision: 0, table },
      }),
      403,
      'FORBIDDEN',
    );
    const loose = structuredClone(cur.table);
    loose.levels.general4.openTypes = ['open'];
    expect(
      invalidFields(
        await send(t, 'PUT', '/api/v1/catalogue/policy', {
          token: w.tokens.secadmin,
          payload: { revision: 0, table: loose },
        }),
      ),
    ).toContain('table.levels.general4.openTypes');
    // A pending open resource, then the stricter table.
    const id = (
      await send(t, 'POST', R, { token: w.tokens.steward, payload: openBody({ name: '政策测试' }) })
    ).json().id;
    await send(t, 'POST', `${R}/${id}/submit`, { token: w.tokens.steward });
    const put = await send(t, 'PUT', '/api/v1/catalogue/policy', {
      token: w.tokens.secadmin,
      payload: { revision: 0, table },
    });
    expect(put.json().revision).toBe(1);
    expectError(
      await send(t, 'PUT', '/api/v1/catalogue/policy', {
        token: w.tokens.secadmin,
        payload: { revision: 0, table },
      }),
      409,
      'CONFLICT',
    );
    const e = expectError(
      await send(t, 'POST', `${R}/${id}/review`, {
        token: w.tokens.reviewer,
        payload: { decision: 'approve' },
      }),
      422,
      'UNPROCESSABLE',
    );
    expect(e.message).toMatch(/无条件开放/);
    // Restore the defaults for the other tests.
    await send(t, 'PUT', '/api/v1/catalogue/policy', {
      token: w.tokens.secadmin,
      payload: { revision: 1, table: cur.table },
    });
  });

  it('keeps files of file resources content-addressed, sealed at rest when graded', async () => {
    const body = openBody({
      name: '行政处罚决定书',
      format: 'file',
      items: [],
      share: { type: 'conditional', condition: '执法协作', methods: ['package'], basis: '行政处罚法' },
      open: { type: 'closed', reason: { kind: 'sensitive', text: '含个人信息' } },
    });
    const id = (await send(t, 'POST', R, { token: w.tokens.steward, payload: body })).json().id;
    const bytes = Buffer.from('决定书正文：当事人张三，违法事实……\n'.repeat(50));
    const up = await send(
      t,
      'POST',
      `${R}/${id}/files?name=${encodeURIComponent('决定书.txt')}&mediaType=text/plain`,
      {
        token: w.tokens.steward,
        payload: bytes as unknown as string,
        headers: { 'content-type': 'application/octet-stream' },
      },
    );
    expect(up.statusCode).toBe(201);
    const { createHash } = await import('node:crypto');
    expect(up.json().digest).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
    const down = await send(t, 'GET', `${R}/${id}/files/${encodeURIComponent('决定书.txt')}`, {
      token: w.tokens.steward,
    });
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(bytes)).toBe(true);
    expectError(
      await send(t, 'GET', `${R}/${id}/files/${encodeURIComponent('决定书.txt')}`, { token: stewardB }),
      403,
      'FORBIDDEN',
    );
    // Not graded (一般1): stored in clear. Table resources take no files.
    const table = (
      await send(t, 'POST', R, { token: w.tokens.steward, payload: openBody({ name: '表' }) })
    ).json().id;
    expectError(
      await send(t, 'POST', `${R}/${table}/files?name=a.csv`, {
        token: w.tokens.steward,
        payload: bytes as unknown as string,
        headers: { 'content-type': 'application/octet-stream' },
      }),
      409,
      'CONFLICT',
    );
    // A graded file resource seals its files: the plaintext is not on disk.
    const graded = openBody({
      name: '不动产权证附件',
      format: 'file',
      items: [
        {
          name: 'owner_id',
          label: '权利人证件号',
          dataType: 'string',
          piiKind: 'idNumber',
          nationalLevel: 'general3',
        },
      ],
      share: {
        type: 'conditional',
        condition: '登记协作',
        methods: ['package'],
        basis: '不动产登记暂行条例',
      },
      open: { type: 'closed', reason: { kind: 'sensitive', text: '含个人信息' } },
    });
    const gid = (await send(t, 'POST', R, { token: w.tokens.steward, payload: graded })).json().id;
    const secret = Buffer.from('SECRET-PLAINTEXT-权利人李四');
    await send(t, 'POST', `${R}/${gid}/files?name=a.bin`, {
      token: w.tokens.steward,
      payload: secret as unknown as string,
      headers: { 'content-type': 'application/octet-stream' },
    });
    const digest = createHash('sha256').update(secret).digest('hex');
    const fs = await import('node:fs/promises');
    const path = await import('node:path');
    const onDisk = await fs.readFile(
      path.join(t.platform.config.dataDir, 'files', digest.slice(0, 2), `${digest}.sealed`),
    );
    expect(onDisk.includes(secret)).toBe(false);
    const back = await send(t, 'GET', `${R}/${gid}/files/a.bin`, { token: w.tokens.steward });
    expect(back.rawPayload.equals(secret)).toBe(true);
  });
});
