import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BatchCmac } from '../../kernel/index.js';
import { variants } from './domain/watermark.js';
import type { MaskedGrant } from './row-masker.js';
import { GrantMaskers } from './row-masker.js';

// The keyed choice of docs/watermarks.md (v3), recomputed here from its definition — grant key by HMAC-SHA-256
// (node:crypto), seed by AES-256-CMAC (the kernel's, checked against NIST's examples in cmac.test.ts): slots
// number the grant's carriers, so the eleven-item grant below — carriers at items 3, 7 and 10 — needs one
// 16-byte seed block per record; one record or a page of them renders the same; and the rendering of a record
// does not depend on the fields fetched.

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
const at = new Date('2026-11-30T00:00:00Z');

function maskers(onCmac: () => void = () => undefined) {
  return new GrantMaskers({
    hmac,
    cmac: (k) => {
      onCmac();
      return new BatchCmac('aes-256', k);
    },
    pseudonymSecret: Buffer.alloc(32, 1),
    digestSecret: Buffer.alloc(32, 2),
    watermarkSecret: secret,
  });
}

describe('watermark seeds (v3)', () => {
  it('numbers the slots among the carriers and derives them as the document says', () => {
    const m = maskers();
    expect(m.watermarks.carriers(grant).map((c) => [c.code, c.slot])).toEqual([
      ['I003', 0],
      ['I007', 1],
      ['I010', 2],
    ]);
    const mac = new BatchCmac('aes-256', hmac(secret, `orderly/watermark/v3|${grant.grantId}`));
    const mask = m.masker(
      grant,
      items.map((i) => i.code),
      at,
    );
    const page = Array.from({ length: 50 }, (_, i) => ({ key: `row-${i}`, values: row(i) }));
    const together = mask.rows(page);
    for (const [i, r] of page.entries()) {
      const alone = mask(r.values, r.key);
      expect(together[i]).toEqual(alone);
      const seed = mac.tags([Buffer.from(`${r.key}\0${0}`)]);
      for (const [code, name, slot] of [
        ['I003', 'item3', 0],
        ['I007', 'item7', 1],
        ['I010', 'item10', 2],
      ] as const) {
        // The mobile mask shows the first three and the last four digits.
        const v = variants('mask', `${r.values[name]!.slice(0, 3)}****${r.values[name]!.slice(7)}`);
        expect(alone[code]).toBe(v[seed.readUInt32BE(4 * slot) % v.length]);
      }
    }
  });

  it('one key per grant, one seed block per record for up to four carriers; fields fetched do not matter', () => {
    let keys = 0;
    const m = maskers(() => keys++);
    const all = m.masker(
      grant,
      items.map((i) => i.code),
      at,
    );
    const watermarks = m.watermarks as unknown as { seeds: (...a: unknown[]) => unknown };
    const blocks: number[] = [];
    const seeds = watermarks.seeds.bind(m.watermarks);
    watermarks.seeds = (g, rowKeys, n) => (blocks.push(n as number), seeds(g, rowKeys, n));
    const page = Array.from({ length: 20 }, (_, i) => ({ key: `row-${i}`, values: row(i) }));
    const full = all.rows(page);
    const some = m.masker(grant, ['I007', 'I010'], at).rows(page);
    expect(keys).toBe(1);
    expect(blocks).toEqual([1, 1]);
    for (const [i, f] of full.entries()) {
      expect(some[i]!.I007).toBe(f.I007);
      expect(some[i]!.I010).toBe(f.I010);
    }
  });
});
