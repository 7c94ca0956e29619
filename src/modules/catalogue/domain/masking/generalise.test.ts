import { describe, expect, it } from 'vitest';
import { applyMask, MaskError, parseDateParts, regionCodeOf, type MaskSpec } from './index.js';

const mask = (spec: MaskSpec, value: string | number | null, asOf?: Date): unknown =>
  applyMask(spec, value, asOf ? { asOf } : {});

describe('dateToYear', () => {
  const spec: MaskSpec = { kind: 'dateToYear' };
  it.each([
    ['1990-05-17', '1990'],
    ['1990/5/7', '1990'],
    ['1990.05.17', '1990'],
    ['1990年5月17日', '1990'],
    ['19900517', '1990'],
    ['1990-05-17 08:30:00', '1990'],
    ['1990-05', '1990'],
    ['1990年', '1990'],
    ['51343620000320711X', '2000'],
    ['110105491231002', '1949'],
    ['１９９０－０５－１７', '1990'],
  ])('%s → %s', (input, year) => {
    expect(mask(spec, input)).toBe(year);
  });
  it('an instant with a zone is read as its date in China (UTC+8)', () => {
    expect(mask(spec, '1990-12-31T20:00:00Z')).toBe('1991');
    expect(mask(spec, '1991-01-01T01:00:00+09:00')).toBe('1991');
    expect(mask(spec, '1991-01-01T07:59:59+08:00')).toBe('1991');
    expect(mask(spec, '1991-01-01T07:59:59-08:00')).toBe('1991');
    expect(mask(spec, '1991-01-01T05:00:00+14:00')).toBe('1990');
  });
  it('numbers stay numbers', () => {
    expect(mask(spec, 19900517)).toBe(1990);
    expect(mask(spec, 1990)).toBe(1990);
  });
  it('values that are not dates become null, never the value', () => {
    for (const bad of ['', 'unknown', '1990-02-30', '0000-00-00', '1990-13', '12', '1990-05-17T25:00:00Z']) {
      expect(mask(spec, bad)).toBeNull();
    }
    expect(mask(spec, null)).toBeNull();
    expect(mask(spec, Number.NaN)).toBeNull();
  });
});

describe('region', () => {
  it('truncates codes to the prefecture or the province', () => {
    expect(mask({ kind: 'region', to: 'city' }, '330106')).toBe('330100');
    expect(mask({ kind: 'region', to: 'province' }, '330106')).toBe('330000');
    expect(mask({ kind: 'region', to: 'city' }, 330106)).toBe(330100);
    expect(mask({ kind: 'region', to: 'province' }, 330106)).toBe(330000);
    expect(mask({ kind: 'region', to: 'city' }, '330000')).toBe('330000');
  });
  it('reads 12-digit statistical codes and the region of ID numbers', () => {
    expect(mask({ kind: 'region', to: 'city' }, '330106001000')).toBe('330100');
    expect(mask({ kind: 'region', to: 'province' }, '51343620000320711X')).toBe('510000');
    expect(regionCodeOf('110105491231002')).toBe('110105');
  });
  it('names the generalised region with the kernel table', () => {
    expect(mask({ kind: 'region', to: 'city', as: 'name' }, '330106')).toBe('浙江省杭州市');
    expect(mask({ kind: 'region', to: 'province', as: 'name' }, '330106')).toBe('浙江省');
    // Municipalities and province-governed counties have no useful prefecture name: the province stands in.
    expect(mask({ kind: 'region', to: 'city', as: 'name' }, '110105')).toBe('北京市');
    expect(mask({ kind: 'region', to: 'city', as: 'name' }, '429004')).toBe('湖北省');
    // Unknown codes fall back to the generalised code.
    expect(mask({ kind: 'region', to: 'city', as: 'name' }, '990106')).toBe('990100');
  });
  it('anything else becomes null', () => {
    for (const bad of ['', '杭州市西湖区', '33010', '3301060', 'abcdef']) {
      expect(mask({ kind: 'region', to: 'city' }, bad)).toBeNull();
    }
  });
});

describe('ageBand', () => {
  const asOf = new Date('2025-03-20T00:00:00+08:00');
  it('bands ages from ID numbers, birth dates and ages', () => {
    expect(mask({ kind: 'ageBand', width: 10 }, '51343620000320711X', asOf)).toBe('20-29');
    expect(mask({ kind: 'ageBand', width: 5 }, '51343620000320711X', asOf)).toBe('25-29');
    expect(mask({ kind: 'ageBand', width: 20 }, '1949-12-31', asOf)).toBe('60-79');
    expect(mask({ kind: 'ageBand', width: 10 }, 37, asOf)).toBe('30-39');
    expect(mask({ kind: 'ageBand', width: 10 }, '37岁', asOf)).toBe('30-39');
    expect(mask({ kind: 'ageBand', width: 5 }, 0, asOf)).toBe('0-4');
  });
  it('counts whole years: the day before the birthday is still the younger age', () => {
    const dayBefore = new Date('2025-03-19T12:00:00+08:00');
    expect(mask({ kind: 'ageBand', width: 5 }, '2000-03-20', dayBefore)).toBe('20-24');
    expect(mask({ kind: 'ageBand', width: 5 }, '2000-03-20', asOf)).toBe('25-29');
    // The China date is what counts: 2025-03-19T16:00Z is already the 20th in Beijing.
    expect(mask({ kind: 'ageBand', width: 5 }, '2000-03-20', new Date('2025-03-19T16:00:00Z'))).toBe('25-29');
    // 29 February birthdays count from 1 March in other years.
    expect(mask({ kind: 'ageBand', width: 5 }, '2004-02-29', new Date('2029-02-28T12:00:00+08:00'))).toBe(
      '20-24',
    );
    expect(mask({ kind: 'ageBand', width: 5 }, '2004-02-29', new Date('2029-03-01T12:00:00+08:00'))).toBe(
      '25-29',
    );
  });
  it("the spec's own asOf wins over the context's", () => {
    const spec: MaskSpec = { kind: 'ageBand', width: 10, asOf: '2010-01-01' };
    expect(mask(spec, '1990-05-17', asOf)).toBe('10-19');
    expect(applyMask(spec, '1990-05-17')).toBe('10-19');
  });
  it('needs a date to count from', () => {
    expect(() => applyMask({ kind: 'ageBand', width: 10 }, '1990-05-17')).toThrow(MaskError);
    expect(() => applyMask({ kind: 'ageBand', width: 10 }, '1990-05-17', { asOf: new Date('x') })).toThrow(
      MaskError,
    );
  });
  it('values without a full birth date, or born after asOf, become null', () => {
    for (const bad of ['', '1990', '1990-05', 'unknown', '2030-01-01', '200', -3]) {
      expect(mask({ kind: 'ageBand', width: 10 }, bad, asOf)).toBeNull();
    }
  });
});

describe('parseDateParts', () => {
  it('returns the parts it can read', () => {
    expect(parseDateParts('1990-05-17')).toEqual({ year: 1990, month: 5, day: 17 });
    expect(parseDateParts('1990-05')).toEqual({ year: 1990, month: 5 });
    expect(parseDateParts('1990')).toEqual({ year: 1990 });
    expect(parseDateParts('2000-02-29')).toEqual({ year: 2000, month: 2, day: 29 });
    expect(parseDateParts('1900-02-29')).toBeUndefined();
  });
});
