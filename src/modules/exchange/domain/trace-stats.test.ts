import { describe, expect, it } from 'vitest';
import { describeBound, log10Tail, NAMING_THRESHOLD_LOG10 } from './trace-stats.js';
import { canon, FitIndex } from './trace-match.js';

// The exact binomial tail, for checking the bound on small cases.
function binomialTail(n: number, p: number, k: number): number {
  let sum = 0;
  for (let j = k; j <= n; j++) {
    let c = 1;
    for (let i = 0; i < j; i++) c = (c * (n - i)) / (i + 1);
    sum += c * p ** j * (1 - p) ** (n - j);
  }
  return sum;
}

describe('trace statistics', () => {
  it('bounds the binomial tail from above', () => {
    for (const [n, p] of [
      [40, 1 / 63],
      [100, 0.1],
      [20, 0.5],
    ] as const)
      for (let k = 0; k <= n; k++) {
        const exact = binomialTail(n, p, k);
        expect(10 ** log10Tail(k, n * p)).toBeGreaterThanOrEqual(exact * (1 - 1e-9));
      }
  });

  it('names a full match of 40 rows and not a handful', () => {
    const mu = 40 / 63;
    expect(log10Tail(40, mu)).toBeLessThan(-50);
    expect(log10Tail(3, mu)).toBeGreaterThan(NAMING_THRESHOLD_LOG10);
    expect(log10Tail(0, mu)).toBe(0);
    expect(describeBound(-63.65)).toBe('≤ 2.2e-64');
    expect(describeBound(-1000)).toBe('< 1e-300');
    expect(describeBound(0)).toBe('1');
  });

  it('canonical cells survive a spreadsheet', () => {
    expect(canon(' 0571 ')).toBe('571');
    expect(canon(1980)).toBe('1980');
    expect(canon('12.50')).toBe('12.5');
    expect(canon('330106198001010011')).toBe('330106198001010011');
    expect(canon(null)).toBe('');
    expect(canon('180****1999')).toBe('180****1999');
  });

  it('fits a leaked row to the source rows whose renderings include it', () => {
    const idx = new FitIndex([{ role: 'exact' }, { role: 'carrier', kind: 'mask', scale: null }]);
    idx.add(['1', '180****1999']);
    idx.add(['1', '181****1999']);
    idx.add(['2', '180****1999']);
    const f = idx.fit(['1', '18*****1999']);
    expect(f.rows).toEqual([0, 1]);
    expect(f.p).toBeCloseTo(2 / 7);
    expect(idx.fit(['1', '180****1999']).rows).toEqual([]);
    expect(idx.fit(['3', '18*****1999']).rows).toEqual([]);
  });
});
