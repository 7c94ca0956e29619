import { PassThrough, Readable, Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Engine, KeyPairInfo, PublicKeyInfo } from '../../src/kernel/index.js';
import { runCli } from '../support/cli.js';
import { openPackage, PackageRefused } from '../../src/modules/exchange/index.js';
import { testEngines } from '../support/engines.js';
import { send } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { ctxOf, issueGrant, partRequest } from '../sharing/grant-helpers.js';
import {
  buildExchangeWorld,
  PEOPLE,
  packageOpenCli,
  platformResponseKeys,
  rotateOrgKey,
  type ExchangeWorld,
} from './exchange-fixtures.js';

// Packages (issue 9 §1) end to end: a bound client asks for a package; the job builds it — masked, filtered,
// framed, signed, sealed to the consumer organisation's encryption key; the client downloads it in two
// ranges; the organisation's private key opens it and the manifest checks out. A flipped byte, a cut-off
// file, another organisation's key and a revoked grant are all refused.

const engines = await testEngines();
// Both engines under intl; the sm profile (SM2-sealed SM4 key, HMAC-SM3 records, SM3 data digest, SM2
// manifest signature) once.
const cases: [Engine, 'intl' | 'sm'][] = [
  ...engines.map((e): [Engine, 'intl'] => [e, 'intl']),
  [engines[0]!, 'sm'],
];

describe.each(cases)('exchange packages on %s (%s)', (engine, profile) => {
  let t: TestPlatform;
  let w: ExchangeWorld;
  let token: string;
  let grantId: string;
  let orgKey: KeyPairInfo;
  let platformKeys: (kid: string) => PublicKeyInfo | undefined;
  const auth = () => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestPlatform(engine, { profile });
    w = await buildExchangeWorld(t);
    token = await w.clientToken();
    grantId = await issueGrant(
      t,
      await ctxOf(t, w.tokens.approver),
      partRequest(w, 'population', { clientIds: [w.clientId], methods: ['api', 'package'] }),
      {
        items: [
          { code: 'I001' },
          { code: 'I002' },
          { code: 'I003' },
          { code: 'I004', mask: { kind: 'dateToYear' } },
        ],
        methods: ['package'],
        rowFilter: { eq: { item: 'I003', value: '1' } },
      },
    );
    orgKey = await rotateOrgKey(t, w, w.orgB);
    platformKeys = await platformResponseKeys(t);
  });
  afterAll(async () => t?.close());

  const build = async (payload: unknown) => {
    const res = await send(t, 'POST', `/api/v1/exchange/grants/${grantId}/packages`, {
      payload,
      headers: auth(),
    });
    expect(res.statusCode).toBe(202);
    const { id } = res.json<{ id: string }>();
    await t.platform.runner.drain();
    const got = await send(t, 'GET', `/api/v1/exchange/packages/${id}`, { headers: auth() });
    return got.json<{
      id: string;
      status: string;
      rows: number;
      bytes: number;
      fileSha256: string;
      error: string | null;
    }>();
  };
  const download = async (id: string, headers: Record<string, string> = {}) =>
    send(t, 'GET', `/api/v1/exchange/packages/${id}/content`, { headers: { ...auth(), ...headers } });
  const open = async (bytes: Buffer, key = orgKey) => {
    const chunks: Buffer[] = [];
    const out = new Writable({
      write(c: Buffer, _e, cb) {
        chunks.push(c);
        cb();
      },
    });
    const manifest = await openPackage(Readable.from([bytes]), out, key, platformKeys);
    return { manifest, data: Buffer.concat(chunks).toString('utf8') };
  };

  it('builds, downloads in two ranges, opens and checks a CSV package: masked, filtered, signed', async () => {
    const p = await build({ format: 'csv' });
    expect(p).toMatchObject({ status: 'ready', rows: 4, error: null });
    const whole = await download(p.id);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.headers.etag).toBe(`"${p.fileSha256}"`);
    expect(whole.rawPayload.length).toBe(p.bytes);
    // Resumable: the first half, then the rest, agree with the whole.
    const half = Math.floor(p.bytes / 2);
    const a = await download(p.id, { range: `bytes=0-${half - 1}` });
    expect(a.statusCode).toBe(206);
    expect(a.headers['content-range']).toBe(`bytes 0-${half - 1}/${p.bytes}`);
    const b = await download(p.id, { range: `bytes=${half}-`, 'if-range': `"${p.fileSha256}"` });
    expect(b.statusCode).toBe(206);
    expect(Buffer.concat([a.rawPayload, b.rawPayload]).equals(whole.rawPayload)).toBe(true);
    expect((await download(p.id, { range: `bytes=${p.bytes + 5}-` })).statusCode).toBe(416);
    // Nothing readable in the file itself.
    for (const person of PEOPLE) expect(whole.rawPayload.includes(Buffer.from(person.name))).toBe(false);

    const { manifest, data } = await open(whole.rawPayload);
    expect(manifest).toMatchObject({ grantId, rows: 4, format: 'csv', packageId: p.id });
    expect(manifest.dataDigest.alg).toBe(profile === 'sm' ? 'sm3' : 'sha256');
    expect(manifest.fields.map((f) => f.code)).toEqual(['I001', 'I002', 'I003', 'I004']);
    const lines = data.trimEnd().split('\r\n');
    expect(lines[0]).toBe('I001,I002,I003,I004,_disputed');
    expect(lines).toHaveLength(5);
    for (const line of lines.slice(1)) {
      const [id, , gender, year] = line.split(',');
      expect(id).toMatch(/\*/);
      expect(gender).toBe('1');
      expect(year).toMatch(/^(19|20)\d{2}$/);
    }
    for (const person of PEOPLE) {
      expect(data).not.toContain(person.id_number);
      expect(data).not.toContain(person.birth_date);
    }
    // The build is one access event with its access row; each download is recorded too.
    const events = await sql<{ action: string }>`select action from audit_events
      where subject_id = ${p.id} order by id`.execute(t.platform.db.kysely);
    expect(events.rows.map((r) => r.action)).toEqual([
      'exchange.package.request',
      'exchange.package',
      'exchange.package.download',
      'exchange.package.download',
      'exchange.package.download',
    ]);
  });

  it('writes NDJSON with the consumer filter and fields', async () => {
    const p = await build({
      format: 'ndjson',
      fields: ['I003', 'I004'],
      filter: { eq: { item: 'I003', value: '2' } },
    });
    expect(p).toMatchObject({ status: 'ready', rows: 0 });
    const q = await build({ format: 'ndjson', fields: ['I003', 'I004'] });
    const { data, manifest } = await open((await download(q.id)).rawPayload);
    expect(manifest.rows).toBe(4);
    const rows = data
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, string>);
    expect(rows.map((r) => Object.keys(r).sort())).toEqual(Array(4).fill(['I003', 'I004']));
  });

  it('refuses a tampered, truncated or foreign package', async () => {
    const p = await build({ format: 'csv' });
    const bytes = (await download(p.id)).rawPayload;
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length / 2)]! ^= 1;
    await expect(open(flipped)).rejects.toBeInstanceOf(PackageRefused);
    await expect(open(bytes.subarray(0, bytes.length - 10))).rejects.toBeInstanceOf(PackageRefused);
    await expect(open(bytes, await rotateOrgKey(t, w, w.orgA))).rejects.toBeInstanceOf(PackageRefused);
    // A signature by a key the caller does not trust is refused as well.
    const chunks = new PassThrough();
    await expect(
      openPackage(Readable.from([bytes]), chunks.resume(), orgKey, () => undefined),
    ).rejects.toBeInstanceOf(PackageRefused);
  });

  // The CLI adds parsing and files: one engine suffices (both profiles: X25519 and SM2 key files).
  if (engine === engines[0])
    it(
      'opens with `orderly package open`, and leaves nothing behind for a damaged package',
      { timeout: 120_000 },
      async () => {
        const p = await build({ format: 'csv' });
        const bytes = (await download(p.id)).rawPayload;
        const dir = t.testDb.dataDir;
        const { file: f, args } = packageOpenCli(t, dir, orgKey, '');
        const out = path.join(dir, 'data.csv');
        const good = await runCli(await args(f('good.pkg', bytes), out), {});
        expect([good.code, good.stderr]).toEqual([0, '']);
        expect(JSON.parse(good.stdout)).toMatchObject({ ok: true, manifest: { rows: 4, packageId: p.id } });
        expect(fs.readFileSync(out, 'utf8').split('\r\n')[0]).toBe('I001,I002,I003,I004,_disputed');
        const cut = path.join(dir, 'cut.csv');
        const bad = await runCli(await args(f('cut.pkg', bytes.subarray(0, bytes.length - 100)), cut), {});
        expect(bad.code).toBe(5);
        expect(bad.stderr).toMatch(/^refused: /);
        expect(fs.existsSync(cut)).toBe(false);
        expect(fs.existsSync(`${cut}.partial`)).toBe(false);
      },
    );

  it('refuses fields outside the grant, other organisations, and downloads after a revoke', async () => {
    const bad = await send(t, 'POST', `/api/v1/exchange/grants/${grantId}/packages`, {
      payload: { fields: ['I009'] },
      headers: auth(),
    });
    expect(bad.statusCode).toBe(403);
    const p = await build({ format: 'csv' });
    // Another organisation's user cannot see it.
    expect(
      (await send(t, 'GET', `/api/v1/exchange/packages/${p.id}`, { token: w.tokens.consumer })).statusCode,
    ).toBe(404);
    const revoke = await send(t, 'POST', `/api/v1/sharing/grants/${grantId}/revoke`, {
      token: w.tokens.approver,
      payload: { reason: '用途已完成' },
    });
    expect(revoke.statusCode).toBe(200);
    const after = await download(p.id);
    expect(after.statusCode).toBe(403);
    expect(after.json()).toMatchObject({ error: { details: { reason: 'REVOKED' } } });
  });
});
