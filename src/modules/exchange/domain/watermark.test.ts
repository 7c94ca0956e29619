import { describe, expect, it } from 'vitest';
import { carry, pick, variants, ZWSP, type Carrier } from './watermark.js';

const seed = (b: number) => Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + b * 11) & 0xff);

describe('watermark carriers', () => {
  it('a mask carrier hides exactly one more of the letters and digits the mask shows', () => {
    const v = variants('mask', '180****1999');
    expect(v).toEqual([
      '*80****1999',
      '1*0****1999',
      '18*****1999',
      '180*****999',
      '180****1*99',
      '180****19*9',
      '180****199*',
    ]);
    // Separators and the e-mail domain's punctuation stay; CJK counts as a letter.
    expect(variants('mask', '1101 **** **** **** 3256')).toHaveLength(8);
    expect(variants('mask', 'd****@a.cn')).toEqual(['*****@a.cn', 'd****@*.cn', 'd****@a.*n', 'd****@a.c*']);
    expect(variants('mask', '北京市海淀区马********')).toHaveLength(7);
  });

  it('carries nothing where fewer than two renderings exist', () => {
    expect(variants('mask', '段**')).toEqual([]);
    expect(variants('mask', '****')).toEqual([]);
    expect(variants('mask', null)).toEqual([]);
    expect(variants('text', 'ab')).toEqual([]);
    expect(variants('number', Number.NaN)).toEqual([]);
    expect(variants('date', '2024-02-30')).toEqual([]);
  });

  it('tolerant items: an interior zero-width space, the last decimal ±1, the date ±1 day', () => {
    expect(variants('text', '一二三')).toEqual([`一${ZWSP}二三`, `一二${ZWSP}三`]);
    expect(variants('number', 12.5)).toEqual([12.4, 12.5, 12.6]);
    expect(variants('number', 12.5, 2)).toEqual([12.49, 12.5, 12.51]);
    expect(variants('number', 7)).toEqual([6, 7, 8]);
    expect(variants('date', '2024-03-01')).toEqual(['2024-02-29', '2024-03-01', '2024-03-02']);
  });

  it('picks uniformly enough and deterministically from the seed', () => {
    const counts = new Array<number>(7).fill(0);
    for (let b = 0; b < 7000; b++) {
      const s = Uint8Array.from({ length: 32 }, (_, i) => (Math.imul(b + 1, 2654435761) >>> (i % 24)) & 0xff);
      counts[pick(s, 3, 7)]!++;
    }
    for (const c of counts) expect(c).toBeGreaterThan(600);
    const c: Carrier = { code: 'I003', kind: 'mask', slot: 9, scale: null };
    expect(carry(c, '180****1999', seed)).toBe(carry(c, '180****1999', seed));
    expect(variants('mask', '180****1999')).toContain(carry(c, '180****1999', seed));
  });

  it('leaves a cell that carries nothing as it is', () => {
    const c: Carrier = { code: 'I002', kind: 'mask', slot: 0, scale: null };
    expect(carry(c, '段**', seed)).toBe('段**');
    expect(carry(c, null, seed)).toBeNull();
  });
});
