import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { getProfile, type ProfileName } from '../../kernel/index.js';
import {
  cellKeysData,
  isSealedColumn,
  type CellKeys,
  type ScannedRow,
  type StoredPage,
} from '../datastore/index.js';
import { PageRenderer, type RenderSpec } from './package-render.js';
import { GrantMaskers, type MaskedGrant } from './row-masker.js';

// The render worker gives exactly the lines the build's own thread gives — masks, both watermark carriers
// (hidden characters, a tolerant number), pseudonyms, the disputed flag — whichever thread opened the sealed
// cells, so where a page was rendered never shows in a package's bytes (its data digest).

const grant: MaskedGrant = {
  grantId: 'grant-render-test',
  items: [
    { code: 'I001', name: 'id_number', dataType: 'string', encrypted: true },
    { code: 'I002', name: 'name', dataType: 'string', encrypted: true },
    { code: 'I003', name: 'mobile', dataType: 'string', encrypted: false },
    { code: 'I004', name: 'income', dataType: 'number', encrypted: false },
    { code: 'I005', name: 'birth_date', dataType: 'date', encrypted: false },
    { code: 'I006', name: 'holder', dataType: 'string', encrypted: false },
  ],
  masks: new Map([
    ['I001', { kind: 'idNumber' }],
    ['I002', { kind: 'name' }],
    ['I003', { kind: 'mobile' }],
    ['I004', { kind: 'clear' }],
    ['I005', { kind: 'ageBand', width: 10 }],
    ['I006', { kind: 'pseudonym' }],
  ] as [string, never][]),
  tolerant: new Map([['I004', { scale: 2 }]]),
};
const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');
const fields = ['I001', 'I002', 'I003', 'I004', 'I005', 'I006'];

function rows(n: number): ScannedRow[] {
  return Array.from({ length: n }, (_, i) => ({
    key: `k${i.toString(36)}`,
    disputed: i % 97 === 0,
    values: {
      id_number: `33010619${String(50 + (i % 40)).padStart(2, '0')}0101${String(i % 1000).padStart(3, '0')}X`,
      name: i % 5 === 0 ? '段誉' : '欧阳明月',
      mobile: `138${String(i).padStart(8, '0')}`,
      income: i % 11 === 0 ? null : 1000 + i / 100,
      birth_date: `19${String(50 + (i % 40))}-03-1${i % 10}`,
      holder: `持有人,"${i}"`,
    },
  }));
}

const ENCRYPTED = new Set(['id_number', 'name']);

// Cells sealed as the data store seals them (cell-codec.ts: the key version in two bytes, then the profile's
// AEAD with resource|item|row key as associated data); a wrong layout here would fail every page.
function sealCell(keys: CellKeys, item: string, rowKey: string, text: string): Uint8Array {
  const aad = Buffer.from(`${keys.resourceId}|${item}|${rowKey}`);
  return Buffer.concat([
    Buffer.from([1, 0]),
    keys.profile.encrypt(keys.dataKeys.get(1)!, Buffer.from(text), aad),
  ]);
}

/** The rows as a stored page: the encrypted items' cells sealed and concatenated, the rest decoded. */
function page(keys: CellKeys, rs: readonly ScannedRow[]): StoredPage {
  const names = grant.items.map((i) => i.name);
  return {
    keys: rs.map((r) => r.key),
    disputed: rs.map((r) => r.disputed),
    columns: names.map((item) => {
      if (!ENCRYPTED.has(item)) return { item, values: rs.map((r) => r.values[item] ?? null) };
      const cells = rs.map((r) => {
        const v = r.values[item];
        return v === null || v === undefined ? new Uint8Array(0) : sealCell(keys, item, r.key, String(v));
      });
      const ends = new Uint32Array(cells.length);
      let at = 0;
      cells.forEach((c, i) => (ends[i] = at += c.length));
      return { item, storage: 'text' as const, sealed: Buffer.concat(cells), ends };
    }),
  };
}

describe.each<ProfileName>(['intl', 'sm'])('package page rendering (%s)', (profile) => {
  let renderer: PageRenderer | undefined;
  afterEach(async () => renderer?.close());

  const p = getProfile(profile);
  const cells: CellKeys = {
    resourceId: 'res-render-test',
    profile: p,
    dataKeys: new Map([[1, randomBytes(32)]]),
  };
  const setup = (threads: boolean) => {
    const secrets = {
      pseudonymSecret: randomBytes(32),
      digestSecret: randomBytes(32),
      watermarkSecret: randomBytes(32),
    };
    const maskers = new GrantMaskers({ hmac: (k, d) => p.hmac(k, d), cmac: (k) => p.cmac(k), ...secrets });
    return (format: 'csv' | 'ndjson'): { r: PageRenderer; spec: RenderSpec } => ({
      r: new PageRenderer(maskers, threads),
      spec: {
        grant,
        fields,
        format,
        now: '2026-11-29T00:00:00.000Z',
        profile,
        ...secrets,
        cells: cellKeysData(cells),
      },
    });
  };

  it.each(['csv', 'ndjson'] as const)(
    'renders %s pages in the worker exactly as in the thread',
    async (format) => {
      const make = setup(true)(format);
      renderer = make.r;
      const pages = [rows(1000), rows(1000).slice(500), rows(3), rows(700)];
      const inThread = new PageRenderer(
        (renderer as unknown as { maskers: GrantMaskers }).maskers,
        false,
      ).open(make.spec, cells);
      const expected = await Promise.all(pages.map((rs) => inThread.render(page(cells, rs))));
      await renderer.warm();
      const session = renderer.open(make.spec, cells);
      // Sent back to back: the first two pages go sealed (the worker has fewer than two to finish), the third at
      // least is opened in this thread (the worker has not finished the first).
      const stored = pages.map((rs) => page(cells, rs));
      const got = await Promise.all(stored.map((p) => session.render(p)));
      session.close();
      expect(renderer.workerPages).toBe(pages.length);
      expect(renderer.sealedPages).toBeGreaterThanOrEqual(1);
      expect(renderer.sealedPages).toBeLessThan(pages.length);
      expect(got.map(text)).toEqual(expected.map(text));
      const lines = text(got[0]!).split(format === 'csv' ? '\r\n' : '\n');
      expect(lines).toHaveLength(1001); // each line ends with its break
      // The carriers are there: masked cells, and the disputed rows flagged.
      expect(lines.some((l) => l.includes('*'))).toBe(true);
      expect(lines.filter((l) => l.includes(format === 'csv' ? ',true' : '"_disputed":true'))).toHaveLength(
        11,
      );
    },
  );

  it('renders in the thread until the worker is up, and without threads never starts one', async () => {
    const make = setup(false)('csv');
    renderer = make.r;
    await renderer.warm();
    const out = text(await renderer.open(make.spec, cells).render(page(cells, rows(10))));
    expect(out.split('\r\n')).toHaveLength(11);
    expect(renderer.workerPages).toBe(0);
  });

  it('fails the pages of a build whose worker dies, and starts a new worker for the next build', async () => {
    const make = setup(true)('csv');
    renderer = make.r;
    await renderer.warm();
    const session = renderer.open(make.spec, cells);
    const first = session.render(page(cells, rows(1000)));
    await (renderer as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect(first).rejects.toThrow(/exited|closed/);
    await renderer.warm();
    const again = renderer.open(make.spec, cells);
    expect(text(await again.render(page(cells, rows(2)))).split('\r\n')).toHaveLength(3);
    expect(renderer.workerPages).toBeGreaterThanOrEqual(1);
  });

  it('refuses a page with a tampered sealed cell, in the worker and in the thread', async () => {
    const make = setup(true)('ndjson');
    renderer = make.r;
    await renderer.warm();
    const tampered = (): StoredPage => {
      const p0 = page(cells, rows(5));
      const col = p0.columns.find(isSealedColumn)!;
      col.sealed[col.ends[2]! - 1]! ^= 1; // the last byte of row 2's cell (its tag)
      return p0;
    };
    await expect(renderer.open(make.spec, cells).render(tampered())).rejects.toThrow();
    expect(renderer.sealedPages).toBe(1);
    const local = new PageRenderer((renderer as unknown as { maskers: GrantMaskers }).maskers, false);
    await expect(local.open(make.spec, cells).render(tampered())).rejects.toThrow();
  });
});
