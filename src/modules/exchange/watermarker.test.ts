import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { variants } from './domain/watermark.js';
import type { MaskedGrant } from './row-masker.js';
import { GrantMaskers } from './row-masker.js';

// The keyed choice of docs/watermarks.md, checked against HMAC-SHA-256 computed here with node:crypto alone:
// slots number the grant's carriers (v2), so the eleven-item grant below — carriers at items 3, 7 and 10 —
// costs one seed derivation per record, and the rendering of a record does not depend on the fields fetched.

const items = Array.from({ length: 11 }, (_, i) => ({
  code: `I${String(i + 1).padStart(3, '0')}`,
  name: `item${i + 1}`,
  dataType: 'string' as const,
  encrypted: false,
}));
const grant: MaskedGrant = {
  grantId: 'grant-watermark-test',
  items,
  masks: new Map(
    items.map((it, i) => [it.code, { kind: [2, 6, 9].includes(i) ? 'mobile' : 'clear' }] as [string, never]),
  ),
  tolerant: new Map(),
};
const secret = Buffer.alloc(32, 7);
const hmac = (k: Uint8Array, d: Uint8Array | string) => createHmac('sha256', k).update(d).digest();
const row = (i: number) =>
  Object.fromEntries(items.map((it, j) => [it.name, `1380000${String(i * 11 + j).padStart(4, '0')}`]));

describe('watermark seeds (v2)', () => {
  it('numbers the slots among the carriers and derives them as the document says', () => {
    const maskers = new GrantMaskers({
      hmac,
      pseudonymSecret: Buffer.alloc(32, 1),
      digestSecret: Buffer.alloc(32, 2),
      watermarkSecret: secret,
    });
    expect(maskers.watermarks.carriers(grant).map((c) => [c.code, c.slot])).toEqual([
      ['I003', 0],
      ['I007', 1],
      ['I010', 2],
    ]);
    const grantKey = hmac(secret, `orderly/watermark/v2|${grant.grantId}`);
    const mask = maskers.masker(
      grant,
      items.map((i) => i.code),
      new Date('2026-11-30T00:00:00Z'),
    );
    for (let i = 0; i < 50; i++) {
      const rowKey = `row-${i}`;
      const values = row(i);
      const out = mask(values, rowKey);
      const seed = hmac(grantKey, `${rowKey}\0${0}`);
      for (const [code, name, slot] of [
        ['I003', 'item3', 0],
        ['I007', 'item7', 1],
        ['I010', 'item10', 2],
      ] as const) {
        // The mobile mask shows the first three and the last four digits.
        const v = variants('mask', `${values[name]!.slice(0, 3)}****${values[name]!.slice(7)}`);
        expect(out[code]).toBe(v[seed.readUInt32BE(4 * slot) % v.length]);
      }
    }
  });

  it('derives one seed block per record for a grant of up to eight carriers', () => {
    let calls = 0;
    const maskers = new GrantMaskers({
      hmac: (k, d) => (calls++, hmac(k, d)),
      pseudonymSecret: Buffer.alloc(32, 1),
      digestSecret: Buffer.alloc(32, 2),
      watermarkSecret: secret,
    });
    const all = maskers.masker(
      grant,
      items.map((i) => i.code),
      new Date('2026-11-30T00:00:00Z'),
    );
    all(row(0), 'warm-up'); // the grant key
    calls = 0;
    for (let i = 0; i < 100; i++) all(row(i), `row-${i}`);
    expect(calls).toBe(100);
    // Fetching fewer fields renders the remaining carriers the same way.
    const some = maskers.masker(grant, ['I007', 'I010'], new Date('2026-11-30T00:00:00Z'));
    for (let i = 0; i < 20; i++) {
      const full = all(row(i), `row-${i}`);
      const part = some(row(i), `row-${i}`);
      expect(part.I007).toBe(full.I007);
      expect(part.I010).toBe(full.I010);
    }
  });
});
