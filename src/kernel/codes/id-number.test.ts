import { describe, expect, it } from 'vitest';
import { checkIdNumber, idCheckChar, makeIdNumber } from './index.js';

const today = new Date('2025-06-01T00:00:00+08:00');
const codes = (s: string) => checkIdNumber(s, { today }).issues.map((i) => `${i.severity}:${i.code}`);
/** An ID number with a correct check char, whatever the rest says (makeIdNumber refuses impossible dates). */
const withCheck = (first17: string) => first17 + idCheckChar(first17);

describe('checkIdNumber', () => {
  it('accepts the GB 11643 example and parses it', () => {
    expect(checkIdNumber('11010519491231002X', { today })).toEqual({
      ok: true,
      value: { id: '11010519491231002X', regionCode: '110105', birthDate: '1949-12-31', gender: 'female' },
      issues: [],
    });
    expect(idCheckChar('11010519491231002')).toBe('X');
  });

  it('normalises before checking', () => {
    for (const s of [
      ' 11010519491231002X ',
      '11010519491231002x',
      '１１０１０５１９４９１２３１００２Ｘ',
      '\u300011010519491231002X',
    ]) {
      expect(checkIdNumber(s, { today }).value?.id).toBe('11010519491231002X');
    }
  });

  it('upgrades a 15-digit number with a warning', () => {
    const r = checkIdNumber('110105491231002', { today });
    expect(r.ok).toBe(true);
    expect(r.value?.id).toBe('11010519491231002X');
    expect(r.issues).toEqual([expect.objectContaining({ code: 'ID_LEGACY_15', severity: 'warning' })]);
  });

  it('reports gender from the sequence parity', () => {
    expect(checkIdNumber(makeIdNumber('110105', '1980-01-01', 1), { today }).value?.gender).toBe('male');
    expect(checkIdNumber(makeIdNumber('110105', '1980-01-01', 2), { today }).value?.gender).toBe('female');
  });

  it('rejects a bad length', () => {
    expect(codes('')).toEqual(['error:ID_LENGTH']);
    expect(codes('1101051949123100')).toEqual(['error:ID_LENGTH']);
    expect(codes('11010519491231002X0')).toEqual(['error:ID_LENGTH']);
  });

  it('rejects bad characters', () => {
    expect(codes('11010519491231002Y')).toEqual(['error:ID_CHAR']);
    expect(codes('1101051949123100X2')).toEqual(['error:ID_CHAR']);
    expect(codes('11010519491231-02X')).toEqual(['error:ID_CHAR']);
  });

  it('rejects a bad checksum', () => {
    expect(codes('110105194912310021')).toEqual(['error:ID_CHECKSUM']);
  });

  it('rejects impossible birth dates', () => {
    expect(codes(withCheck('11010520230231001'))).toEqual(['error:ID_BIRTH_DATE']); // 31 February
    expect(codes(withCheck('11010519900001001'))).toEqual(['error:ID_BIRTH_DATE']); // month 00
    expect(codes(withCheck('11010519901301001'))).toEqual(['error:ID_BIRTH_DATE']); // month 13
    expect(codes(withCheck('11010519900100001'))).toEqual(['error:ID_BIRTH_DATE']); // day 00
    expect(codes(withCheck('11010519000229001'))).toEqual(['error:ID_BIRTH_DATE']); // 1900 is not a leap year
    expect(codes(withCheck('11010520000229001'))).toEqual([]); // 2000 is
  });

  it('rejects birth dates before 1850 or in the future (China time)', () => {
    expect(codes(makeIdNumber('110105', '1849-12-31', 1))).toEqual(['error:ID_BIRTH_DATE']);
    expect(codes(makeIdNumber('110105', '1850-01-01', 1))).toEqual([]);
    expect(codes(makeIdNumber('110105', '2025-06-02', 1))).toEqual(['error:ID_BIRTH_DATE']);
    // 2025-06-01 00:30 in Beijing is still 31 May in UTC: a baby born that day is valid.
    const r = checkIdNumber(makeIdNumber('110105', '2025-06-01', 1), {
      today: new Date('2025-05-31T16:30:00Z'),
    });
    expect(r.ok).toBe(true);
  });

  it('rejects an unknown province', () => {
    expect(codes(makeIdNumber('990101', '1980-01-01', 1))).toEqual(['error:REGION_PROVINCE_UNKNOWN']);
    expect(codes(makeIdNumber('000000', '1980-01-01', 1))).toEqual(['error:REGION_PROVINCE_UNKNOWN']);
  });

  it('only warns about a full region code missing from the current table', () => {
    // 110103 was 崇文区, merged into 东城区 in 2010; people still carry it.
    const r = checkIdNumber(makeIdNumber('110103', '1960-05-04', 11), { today });
    expect(r.ok).toBe(true);
    expect(r.value?.regionCode).toBe('110103');
    expect(r.issues).toEqual([expect.objectContaining({ code: 'REGION_UNKNOWN', severity: 'warning' })]);
  });

  it('accepts residence-permit region codes for Hong Kong, Macao and Taiwan', () => {
    for (const region of ['810000', '820000', '830000']) {
      expect(codes(makeIdNumber(region, '1990-03-04', 5))).toEqual([]);
    }
  });

  it('reports every independent error at once', () => {
    const first17 = '99010519000229001'; // unknown province, 1900-02-29
    const wrong = idCheckChar(first17) === '0' ? '1' : '0';
    expect(codes(first17 + wrong)).toEqual([
      'error:ID_CHECKSUM',
      'error:ID_BIRTH_DATE',
      'error:REGION_PROVINCE_UNKNOWN',
    ]);
  });

  it('does not throw on an invalid today', () => {
    expect(checkIdNumber('11010519491231002X', { today: new Date('nope') }).ok).toBe(true);
  });
});

describe('makeIdNumber', () => {
  it('builds the GB 11643 example', () => {
    expect(makeIdNumber('110105', '1949-12-31', 2)).toBe('11010519491231002X');
  });
  it('adjusts the sequence parity to the gender', () => {
    expect(makeIdNumber('110105', '1949-12-31', 2, 'male').slice(14, 17)).toBe('003');
    expect(makeIdNumber('110105', '1949-12-31', 999, 'female').slice(14, 17)).toBe('998');
    expect(makeIdNumber('110105', '1949-12-31', 0, 'female').slice(14, 17)).toBe('000');
  });
  it('throws RangeError on malformed input', () => {
    expect(() => makeIdNumber('11010', '1949-12-31', 2)).toThrow(RangeError);
    expect(() => makeIdNumber('110105', '1949-02-30', 2)).toThrow(RangeError);
    expect(() => makeIdNumber('110105', '19491231', 2)).toThrow(RangeError);
    expect(() => makeIdNumber('110105', '1949-12-31', 1000)).toThrow(RangeError);
    expect(() => makeIdNumber('110105', '1949-12-31', 1.5)).toThrow(RangeError);
    expect(() => idCheckChar('1101051949123100')).toThrow(RangeError);
  });
});
