import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber, newId, type AnyTx } from '../../src/kernel/index.js';
import { DataKeys, DatastoreService, type RowInput } from '../../src/modules/datastore/index.js';
import { openBody, populationBody, publish } from '../catalogue/catalogue-fixtures.js';
import { testEngines } from '../support/engines.js';
import { buildWorld, expectError, send, type World } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

const engines = await testEngines();

function person(i: number, name = `测试${i}`): RowInput {
  return {
    rowNo: i,
    values: {
      id_number: makeIdNumber('330106', `1980-01-${String((i % 28) + 1).padStart(2, '0')}`, 100 + (i % 800)),
      name,
      gender: i % 2 ? '1' : '2',
      birth_date: `1980-01-${String((i % 28) + 1).padStart(2, '0')}`,
    },
    flags: [],
  };
}

describe.each(engines)('resource data store on %s', (engine) => {
  let t: TestPlatform;
  let w: World;
  let ds: DatastoreService;
  let resourceId: string;
  const job = () => newId();
  const tx = <T>(fn: (trx: AnyTx) => Promise<T>): Promise<T> =>
    t.platform.db.kysely.transaction().execute(fn);
  beforeAll(async () => {
    t = await startTestPlatform(engine);
    w = await buildWorld(t);
    ds = t.platform.datastore;
    resourceId = await publish(t, w.tokens.steward, w.tokens.reviewer, populationBody());
  });
  afterAll(async () => t.close());

  it('creates a table on publication, with graded items encrypted', async () => {
    const s = (
      await send(t, 'GET', `/api/v1/datastore/resources/${resourceId}`, { token: w.tokens.steward })
    ).json();
    expect(s).toMatchObject({ generation: 1, rowCount: 0, status: 'ready' });
    expect(s.items.map((i: { item: string; encrypted: boolean }) => `${i.item}:${i.encrypted}`)).toEqual([
      'id_number:true',
      'name:true',
      'gender:false',
      'birth_date:false',
    ]);
    expectError(
      await send(t, 'GET', `/api/v1/datastore/resources/${resourceId}`, { token: w.tokens.consumer }),
      404,
      'NOT_FOUND',
    );
  });

  it('upserts with record versions and a change log, and finds encrypted values by blind index', async () => {
    const j = job();
    const rows = Array.from({ length: 30 }, (_, i) => person(i + 1));
    const r1 = await tx((trx) => ds.writeBatch(trx, resourceId, 'upsert', rows, j));
    expect(r1).toEqual({ inserted: 30, updated: 0, unchanged: 0, duplicates: [] });
    const again = await tx((trx) =>
      ds.writeBatch(
        trx,
        resourceId,
        'upsert',
        [rows[0]!, { ...rows[1]!, values: { ...rows[1]!.values, name: '改名' } }],
        j,
      ),
    );
    expect(again).toEqual({ inserted: 0, updated: 1, unchanged: 1, duplicates: [] });
    const hit = await ds.lookup(resourceId, 'id_number', rows[1]!.values.id_number as string);
    expect(hit).toHaveLength(1);
    expect(hit[0]).toMatchObject({ rev: 2, values: { name: '改名', gender: '2' } });
    expect(await ds.lookup(resourceId, 'name', '改名')).toHaveLength(1);
    expect(await ds.lookup(resourceId, 'name', '没有这个人')).toHaveLength(0);
    const changes = await ds.changes(resourceId, 0, 100);
    expect(changes).toHaveLength(31);
    expect(changes.at(-1)).toMatchObject({ op: 'update', rev: 2, values: { name: '改名' } });
    const dup = await tx((trx) => ds.writeBatch(trx, resourceId, 'append', [person(1), person(99)], j));
    expect(dup).toEqual({ inserted: 1, updated: 0, unchanged: 0, duplicates: [1] });
    expect((await ds.rows(resourceId, { limit: 1000 })).length).toBe(31);
  });

  it('never stores an encrypted item in clear', async () => {
    const marker = '独一无二的保密姓名';
    await tx((trx) => ds.writeBatch(trx, resourceId, 'upsert', [person(500, marker)], job()));
    const idNumber = person(500).values.id_number as string;
    if (engine === 'sqlite') {
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(t.platform.db.kysely);
      const dir = t.testDb.dataDir;
      const files = fs
        .readdirSync(dir)
        .filter((f) => /\.(db|sqlite)(-wal)?$/.test(f) || f.endsWith('.db-wal'));
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) {
        const bytes = fs.readFileSync(path.join(dir, f));
        expect(bytes.includes(Buffer.from(marker))).toBe(false);
        expect(bytes.includes(Buffer.from(idNumber))).toBe(false);
      }
    } else {
      // PostgreSQL's files are the server's: look at every stored value as text instead.
      const { table } = await ds.layout(t.platform.db.kysely, resourceId);
      const name = `rd_${resourceId.replace(/-/g, '')}_g${table.generation}`;
      const dump = await sql<{ t: string }>`SELECT CAST(x AS text) AS t FROM ${sql.table(name)} x`.execute(
        t.platform.db.kysely,
      );
      const log = await sql<{
        t: string;
      }>`SELECT CAST(x AS text) AS t FROM ${sql.table(`rd_${resourceId.replace(/-/g, '')}_log`)} x`.execute(
        t.platform.db.kysely,
      );
      const text = [...dump.rows, ...log.rows].map((r) => r.t).join('\n');
      expect(text).toContain('1980-01-'); // the plain birth dates are there, so the dump works
      expect(text).not.toContain(marker);
      expect(text).not.toContain(idNumber);
    }
    expect((await ds.lookup(resourceId, 'name', marker))[0]!.values.id_number).toBe(idNumber);
  });

  it('a full replace diffs by key into the log and readers see the old table until the switch', async () => {
    const id = await publish(
      t,
      w.tokens.steward,
      w.tokens.reviewer,
      populationBody({ name: '替换测试', classification: { category: 'basic', item: '01', catalog: '009' } }),
    );
    await tx((trx) =>
      ds.writeBatch(
        trx,
        id,
        'upsert',
        [1, 2, 3, 4].map((i) => person(i)),
        job(),
      ),
    );
    const j = job();
    await tx((trx) => ds.beginReplace(trx, id));
    // 1 unchanged, 2 changed, 3 and 4 gone, 5 new.
    await tx((trx) => ds.writeBatch(trx, id, 'replace', [person(1), person(2, '新名字'), person(5)], j));
    expect((await ds.rows(id, { limit: 100 })).map((r) => r.values.name).sort()).toEqual([
      '测试1',
      '测试2',
      '测试3',
      '测试4',
    ]);
    const diff = await tx((trx) => ds.finishReplace(trx, id, j));
    expect(diff).toEqual({ inserted: 1, updated: 1, deleted: 2 });
    const now = await ds.rows(id, { limit: 100 });
    expect(now.map((r) => r.values.name).sort()).toEqual(['新名字', '测试1', '测试5']);
    expect(now.find((r) => r.values.name === '测试1')!.rev).toBe(1);
    expect(now.find((r) => r.values.name === '新名字')!.rev).toBe(2);
    const withDeleted = await ds.rows(id, { limit: 100, includeDeleted: true });
    expect(withDeleted.filter((r) => r.deleted)).toHaveLength(2);
    const ops = (await ds.changes(id, 0, 100)).map((c) => c.op);
    expect(ops.filter((o) => o === 'delete')).toHaveLength(2);
    expect(ops.filter((o) => o === 'insert')).toHaveLength(5);
    expect(ops.filter((o) => o === 'update')).toHaveLength(1);
    const s = (
      await send(t, 'GET', `/api/v1/datastore/resources/${id}`, { token: w.tokens.reviewer })
    ).json();
    expect(s).toMatchObject({ generation: 2, rowCount: 3 });
    // An aborted replace leaves the data as it was.
    await tx((trx) => ds.beginReplace(trx, id));
    await tx((trx) => ds.writeBatch(trx, id, 'replace', [person(9)], job()));
    await tx((trx) => ds.abortReplace(trx, id));
    expect((await ds.rows(id, { limit: 100 })).length).toBe(3);
  });

  it('migrates the table with a new version: added columns, and moved values when an item is re-protected', async () => {
    const body = openBody({
      name: '迁移测试',
      classification: { category: 'theme', item: '01', catalog: '007' },
    });
    const id = await publish(t, w.tokens.steward, w.tokens.reviewer, body);
    await tx((trx) =>
      ds.writeBatch(
        trx,
        id,
        'upsert',
        [
          {
            rowNo: 1,
            values: { library_id: 'L1', library_name: '西湖图书馆', opening_hours: '9-17' },
            flags: [],
          },
        ],
        job(),
      ),
    );
    const items = [...(body.items as Record<string, unknown>[])];
    items[1] = { ...items[1]!, secret: true };
    items.push({ name: 'seats', label: '座位数', dataType: 'number', nationalLevel: 'general1' });
    const v2 = { ...body, items, share: { type: 'unconditional', methods: ['api'] } };
    await send(t, 'PUT', `/api/v1/catalogue/resources/${id}`, { token: w.tokens.steward, payload: v2 });
    await send(t, 'POST', `/api/v1/catalogue/resources/${id}/submit`, { token: w.tokens.steward });
    const ok = await send(t, 'POST', `/api/v1/catalogue/resources/${id}/review`, {
      token: w.tokens.reviewer,
      payload: { decision: 'approve' },
    });
    expect(ok.statusCode).toBe(200);
    const s = (await send(t, 'GET', `/api/v1/datastore/resources/${id}`, { token: w.tokens.steward })).json();
    expect(s.items.find((i: { item: string }) => i.item === 'library_name').encrypted).toBe(true);
    const rows = await ds.rows(id, { limit: 10 });
    expect(rows[0]!.values).toEqual({
      library_id: 'L1',
      library_name: '西湖图书馆',
      opening_hours: '9-17',
      seats: null,
    });
    expect((await ds.lookup(id, 'library_name', '西湖图书馆')).length).toBe(1);
  });

  it('rotates keys without losing data: a new data key version, then a master rotation and re-wrap', async () => {
    expectError(
      await send(t, 'POST', `/api/v1/datastore/resources/${resourceId}/rotate-key`, {
        token: w.tokens.steward,
      }),
      403,
      'FORBIDDEN',
    );
    const sec = await (await import('../support/platform.js')).login(t, 'secadmin');
    const r = await send(t, 'POST', `/api/v1/datastore/resources/${resourceId}/rotate-key`, { token: sec });
    expect(r.json()).toEqual({ version: 2 });
    await tx((trx) => ds.writeBatch(trx, resourceId, 'upsert', [person(700, '新钥匙')], job()));
    await t.platform.keyring.rotateSecret('master');
    expect(
      (await send(t, 'POST', '/api/v1/datastore/keys/rewrap', { token: sec })).json().rewrapped,
    ).toBeGreaterThan(0);
    // A fresh key cache (as after a restart) reads old and new cells.
    const fresh = new DatastoreService({
      db: t.platform.db,
      audit: t.platform.audit,
      clock: t.clock,
      keys: new DataKeys(t.platform.keyring, 'intl'),
    });
    const names = (await fresh.rows(resourceId, { limit: 1000 })).map((x) => x.values.name);
    expect(names).toContain('新钥匙');
    expect(names).toContain('改名');
  });
});
