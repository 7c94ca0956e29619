import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine, KeyPairInfo, PublicKeyInfo } from '../../src/kernel/index.js';
import {
  openPackageTo,
  PackageRefused,
  type FilesPackageManifest,
} from '../../src/modules/exchange/index.js';
import { openBody, publish } from '../catalogue/catalogue-fixtures.js';
import { decide, ok, submitted } from '../sharing/applications-support.js';
import { ctxOf, issueGrant, partRequest } from '../sharing/grant-helpers.js';
import { runCli } from '../support/cli.js';
import { testEngines } from '../support/engines.js';
import { expectError, send } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import {
  buildExchangeWorld,
  packageOpenCli,
  platformResponseKeys,
  rotateOrgKey,
  type ExchangeWorld,
} from './exchange-fixtures.js';

// Packages of file resources (issue 9 §1, docs/packages.md "File resources") end to end: a file resource of
// 公安局 with two files, applied for with no items and granted with the package method; a bound client (and a
// consumer user) asks for a package, the job reads the files through the catalogue, frames, signs and seals
// them; the opener of `orderly package open` writes the files — byte-identical — only when everything checks
// out. Tampered and truncated packages leave nothing behind; table options, unknown files, grants without
// the package method, grants that do not cover every item in clear and other organisations are refused.

const engines = await testEngines();

const FILES = [
  { name: '图则-A01.pdf', mediaType: 'application/pdf', bytes: randomBytes(150_000) },
  {
    name: '说明.txt',
    mediaType: 'text/plain',
    bytes: Buffer.from('控制性详细规划说明：地块 A01……\n'.repeat(200)),
  },
];
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.each(engines)('exchange packages of file resources on %s', (engine: Engine) => {
  let t: TestPlatform;
  let w: ExchangeWorld;
  let token: string;
  let fileRes: string;
  let grantId: string;
  let orgKey: KeyPairInfo;
  let platformKeys: (kid: string) => PublicKeyInfo | undefined;
  let dir: string;
  const auth = () => ({ authorization: `Bearer ${token}` });

  const upload = async (resourceId: string, name: string, mediaType: string, bytes: Buffer) => {
    const r = await send(
      t,
      'POST',
      `/api/v1/catalogue/resources/${resourceId}/files?name=${encodeURIComponent(name)}&mediaType=${mediaType}`,
      {
        token: w.tokens.steward,
        payload: bytes as unknown as string,
        headers: { 'content-type': 'application/octet-stream' },
      },
    );
    expect(r.statusCode).toBe(201);
  };

  beforeAll(async () => {
    t = await startTestPlatform(engine);
    w = await buildExchangeWorld(t);
    token = await w.clientToken();
    dir = t.testDb.dataDir;
    // A file resource without items (as the demo's plans and yearbooks are), conditional: the provider decides.
    fileRes = await publish(
      t,
      w.tokens.steward,
      w.tokens.reviewer,
      openBody({
        classification: { category: 'theme', item: '01', catalog: '009' },
        name: '控制性详细规划图则',
        format: 'file',
        items: [],
        share: { type: 'conditional', condition: '规划协作', methods: ['package'], basis: '城乡规划法' },
        open: { type: 'closed', reason: { kind: 'sensitive', text: '尚未公开' } },
      }),
    );
    for (const f of FILES) await upload(fileRes, f.name, f.mediaType, f.bytes);
    // Sharing lets a file resource be applied for with no items and granted whole.
    const app = await submitted(t, w, [{ resourceId: fileRes, items: [], methods: ['package'] }], {
      clientIds: [w.clientId],
    });
    expect(app.status).toBe('review');
    const decided = await ok(
      decide(t, w.tokens.approver, app, 0, { decision: 'approve', scope: { items: [] } }),
    );
    expect(decided.grants).toHaveLength(1);
    grantId = decided.grants[0]!.grantId;

    orgKey = await rotateOrgKey(t, w, w.orgB);
    platformKeys = await platformResponseKeys(t);
  });
  afterAll(async () => t?.close());

  const request = (payload: unknown, headers = auth(), id = grantId) =>
    send(t, 'POST', `/api/v1/exchange/grants/${id}/packages`, { payload, headers });
  const build = async (payload: unknown, headers = auth()) => {
    const res = await request(payload, headers);
    expect(res.statusCode).toBe(202);
    const { id } = res.json<{ id: string }>();
    await t.platform.runner.drain();
    return (await send(t, 'GET', `/api/v1/exchange/packages/${id}`, { headers })).json<{
      id: string;
      format: string;
      files: string[];
      status: string;
      bytes: number;
      manifest: FilesPackageManifest;
      error: string | null;
    }>();
  };
  const download = async (id: string, headers = auth()) =>
    (await send(t, 'GET', `/api/v1/exchange/packages/${id}/content`, { headers })).rawPayload;
  const openInto = (bytes: Buffer, out: string, key = orgKey) =>
    openPackageTo(Readable.from([bytes]), out, key, platformKeys);
  const nothingAt = (out: string) => {
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.existsSync(`${out}.partial`)).toBe(false);
  };

  it('builds, downloads and opens a package of all files, byte-identical, with evidence', async () => {
    const p = await build({});
    expect(p).toMatchObject({
      status: 'ready',
      format: 'files',
      files: FILES.map((f) => f.name),
      error: null,
    });
    expect(p.manifest).toMatchObject({ kind: 'files', grantId, resourceId: fileRes, packageId: p.id });
    expect(p.manifest.files).toEqual(
      FILES.map((f) => ({
        name: f.name,
        mediaType: f.mediaType,
        size: f.bytes.length,
        sha256: sha(f.bytes),
      })),
    );
    const bytes = await download(p.id);
    expect(bytes.length).toBe(p.bytes);
    // Sealed: nothing of the text file is readable in the package.
    expect(bytes.includes(Buffer.from('控制性详细规划说明'))).toBe(false);

    const out = path.join(dir, `files-${p.id}`);
    const opened = await openInto(bytes, out);
    expect(opened.manifest).toEqual(p.manifest);
    expect(fs.readdirSync(out).sort()).toEqual(FILES.map((f) => f.name).sort());
    for (const f of FILES) expect(fs.readFileSync(path.join(out, f.name)).equals(f.bytes)).toBe(true);
    expect(fs.existsSync(`${out}.partial`)).toBe(false);

    const events = await sql<{ action: string }>`select action from audit_events
      where subject_id = ${p.id} order by id`.execute(t.platform.db.kysely);
    expect(events.rows.map((r) => r.action)).toEqual([
      'exchange.package.request',
      'exchange.package',
      'exchange.package.download',
    ]);
    const access = await sql<{ method: string; rows: number | string; grant_id: string }>`
      select method, rows, grant_id from exchange_access where grant_id = ${grantId}`.execute(
      t.platform.db.kysely,
    );
    expect(access.rows.map((r) => [r.method, Number(r.rows)])).toContainEqual(['package', 0]);
  });

  it('packages the named files only, also for a consumer user', async () => {
    const user = { authorization: `Bearer ${w.consumerB}` };
    const p = await build({ files: ['说明.txt'] }, user);
    expect(p).toMatchObject({ status: 'ready', files: ['说明.txt'] });
    const out = path.join(dir, `one-${p.id}`);
    await openInto(await download(p.id, user), out);
    expect(fs.readdirSync(out)).toEqual(['说明.txt']);
    expect(fs.readFileSync(path.join(out, '说明.txt')).equals(FILES[1]!.bytes)).toBe(true);
  });

  it('refuses a tampered, truncated or foreign package and leaves nothing behind', async () => {
    const p = await build({});
    const bytes = await download(p.id);
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length / 2)]! ^= 1;
    const a = path.join(dir, `flipped-${p.id}`);
    await expect(openInto(flipped, a)).rejects.toBeInstanceOf(PackageRefused);
    nothingAt(a);
    const b = path.join(dir, `cut-${p.id}`);
    await expect(openInto(bytes.subarray(0, bytes.length - 10), b)).rejects.toBeInstanceOf(PackageRefused);
    nothingAt(b);
    // Cut inside the first file's data: no half file either.
    const c = path.join(dir, `cut-early-${p.id}`);
    await expect(openInto(bytes.subarray(0, 100_000), c)).rejects.toBeInstanceOf(PackageRefused);
    nothingAt(c);
    // An untrusted signing key.
    const d = path.join(dir, `untrusted-${p.id}`);
    await expect(openPackageTo(Readable.from([bytes]), d, orgKey, () => undefined)).rejects.toBeInstanceOf(
      PackageRefused,
    );
    nothingAt(d);
  });

  it('refuses table options, unknown files, other grants and organisations', async () => {
    const fieldsOf = (res: Awaited<ReturnType<typeof request>>) =>
      (
        expectError(res, 400, 'VALIDATION_FAILED').details as { fields: { field: string; code: string }[] }
      ).fields.map((f) => [f.field, f.code]);
    expect(fieldsOf(await request({ format: 'csv' }))).toEqual([['format', 'NOT_FOR_FILES']]);
    expect(
      fieldsOf(await request({ fields: ['I001'], filter: { eq: { item: 'I001', value: 'x' } } })),
    ).toEqual([
      ['fields', 'NOT_FOR_FILES'],
      ['filter', 'NOT_FOR_FILES'],
    ]);
    expect(fieldsOf(await request({ files: ['说明.txt', '不存在.pdf'] }))).toEqual([
      ['files[1]', 'UNKNOWN_FILE'],
    ]);
    // Another organisation's user: the grant does not exist for it.
    expectError(await request({}, { authorization: `Bearer ${w.tokens.consumer}` }), 404, 'NOT_FOUND');
    const p = await build({ files: ['说明.txt'] });
    expectError(
      await send(t, 'GET', `/api/v1/exchange/packages/${p.id}/content`, { token: w.tokens.consumer }),
      404,
      'NOT_FOUND',
    );

    const approver = await ctxOf(t, w.tokens.approver);
    // A table grant without the package method.
    const apiOnly = await issueGrant(
      t,
      approver,
      partRequest(w, 'population', { clientIds: [w.clientId], methods: ['api'] }),
      { items: [{ code: 'I003' }], methods: ['api'] },
    );
    const noPackage = expectError(await request({ files: ['说明.txt'] }, auth(), apiOnly), 403, 'FORBIDDEN');
    expect(noPackage.details).toMatchObject({ reason: 'METHOD_NOT_GRANTED' });
    // Files of a table resource: a field error.
    const table = await issueGrant(
      t,
      approver,
      partRequest(w, 'libraries', {
        clientIds: [w.clientId],
        items: ['I001', 'I002'],
        methods: ['package'],
      }),
    );
    expect(fieldsOf(await request({ files: ['a.csv'] }, auth(), table))).toEqual([
      ['files', 'NOT_A_FILE_RESOURCE'],
    ]);

    // A file resource with a graded item granted masked: the files would carry it in clear.
    const graded = await publish(
      t,
      w.tokens.steward,
      w.tokens.reviewer,
      openBody({
        classification: { category: 'theme', item: '01', catalog: '010' },
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
      }),
    );
    await upload(graded, 'a.bin', 'application/octet-stream', Buffer.from('SECRET-权利人李四'));
    const masked = await issueGrant(t, approver, {
      ...partRequest(w, 'population', { clientIds: [w.clientId], methods: ['package'], items: ['I001'] }),
      resourceId: graded,
    });
    const hidden = expectError(await request({}, auth(), masked), 403, 'FORBIDDEN');
    expect(hidden.details).toMatchObject({ reason: 'FILES_NEED_ALL_ITEMS', items: ['I001'] });
  });

  it('lets an unconditional file resource without items be granted at once', async () => {
    const open = await publish(
      t,
      w.tokens.steward,
      w.tokens.reviewer,
      openBody({
        classification: { category: 'theme', item: '01', catalog: '011' },
        name: '统计年鉴',
        format: 'file',
        items: [],
        share: { type: 'unconditional', methods: ['package'] },
      }),
    );
    const app = await submitted(t, w, [{ resourceId: open, items: [], methods: ['package'] }], {
      clientIds: [w.clientId],
    });
    expect(app.parts[0]).toMatchObject({ status: 'approved', unconditional: true });
    expect(app.grants).toHaveLength(1);
    // A table resource still needs items.
    const bad = await send(t, 'POST', '/api/v1/sharing/applications', {
      token: w.consumerB,
      payload: {
        title: '申请',
        purpose: '核对',
        basis: '依据',
        scenario: '场景',
        durationDays: 30,
        clientIds: [w.clientId],
        parts: [{ resourceId: w.resources.libraries, items: [], methods: ['package'] }],
        submit: true,
      },
    });
    const e = expectError(bad, 422, 'UNPROCESSABLE');
    expect(e.details).toMatchObject({ violations: [{ field: 'parts[0].items', code: 'ITEMS_REQUIRED' }] });
  });

  // The CLI adds parsing and files: one engine suffices.
  if (engine === engines[0])
    it(
      'opens with `orderly package open --out <dir>`, and leaves nothing behind for a damaged package',
      { timeout: 120_000 },
      async () => {
        const p = await build({});
        const bytes = await download(p.id);
        const { file: f, args } = packageOpenCli(t, dir, orgKey, 'files-');
        const out = path.join(dir, 'cli-files');
        const good = await runCli(await args(f('files-good.pkg', bytes), out), {});
        expect([good.code, good.stderr]).toEqual([0, '']);
        expect(JSON.parse(good.stdout)).toMatchObject({
          ok: true,
          files: FILES.map((x) => path.join(out, x.name)),
          manifest: { kind: 'files', packageId: p.id },
        });
        for (const x of FILES) expect(fs.readFileSync(path.join(out, x.name)).equals(x.bytes)).toBe(true);
        const cut = path.join(dir, 'cli-cut');
        const bad = await runCli(
          await args(f('files-cut.pkg', bytes.subarray(0, bytes.length - 100)), cut),
          {},
        );
        expect(bad.code).toBe(5);
        expect(bad.stderr).toMatch(/^refused: /);
        nothingAt(cut);
      },
    );
});
