import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../../kernel/index.js';
import { compileCheck, type CellKind } from './checks.js';
import type { RuleSpecOf } from './rules.js';

const ctx = { today: '2025-06-01' };
const check = (spec: RuleSpecOf<CellKind>, text: string, value: string | number | null = text) =>
  compileCheck(spec, 'reject', ctx)(text, value);

describe('code checks (kernel validators)', () => {
  it('idNumber: GB 11643 check character, birth date, region', () => {
    expect(check({ kind: 'idNumber' }, '11010519491231002X')).toBeUndefined();
    expect(check({ kind: 'idNumber' }, '110105194912310021')).toEqual({
      severity: 'reject',
      message: 'ID number check character does not match',
    });
    expect(check({ kind: 'idNumber' }, '1101051949123100')?.severity).toBe('reject');
    // Born tomorrow (in China) is not possible.
    expect(check({ kind: 'idNumber' }, makeIdNumber('110105', '2025-06-02', 1))?.message).toBe(
      'Birth date is in the future',
    );
  });

  it('idNumber: a well-formed region missing from the table (a retired code) only warns', () => {
    expect(check({ kind: 'idNumber' }, makeIdNumber('339999', '1980-05-01', 123))).toMatchObject({
      severity: 'warn',
    });
    expect(check({ kind: 'idNumber' }, makeIdNumber('999999', '1980-05-01', 123))?.severity).toBe('reject');
  });

  it('uscc: passes when the embedded organisation code fails GB 11714 but the USCC check char is right', () => {
    expect(check({ kind: 'uscc' }, '91310110666007217T')).toBeUndefined();
    // Positions 9-17 "123456780" would need check digit 8 as an organisation code.
    expect(check({ kind: 'uscc' }, '91330106123456780E')).toBeUndefined();
    expect(check({ kind: 'uscc' }, '91310110666007217A')?.message).toBe(
      'USCC check character does not match',
    );
    expect(check({ kind: 'uscc' }, '9131011066600721')?.severity).toBe('reject');
  });

  it('orgCode: GB 11714 with or without the hyphen', () => {
    expect(check({ kind: 'orgCode' }, 'D2143569-X')).toBeUndefined();
    expect(check({ kind: 'orgCode' }, 'D2143569X')).toBeUndefined();
    expect(check({ kind: 'orgCode' }, 'D2143569-1')?.message).toBe(
      'Organisation code check character does not match',
    );
  });

  it('region: current codes pass, well-formed unknown codes warn, malformed codes reject', () => {
    expect(check({ kind: 'region' }, '330106')).toBeUndefined();
    expect(check({ kind: 'region' }, '330000')).toBeUndefined();
    expect(check({ kind: 'region' }, '339999')).toMatchObject({ severity: 'warn' });
    expect(check({ kind: 'region' }, '990101')?.severity).toBe('reject');
    expect(check({ kind: 'region' }, '33010')?.severity).toBe('reject');
    expect(check({ kind: 'region' }, '810000')).toBeUndefined(); // 香港: GB/T 2260, not in the NBS table
  });
});

describe('contact checks', () => {
  it('mobile', () => {
    expect(check({ kind: 'mobile' }, '13800138000')).toBeUndefined();
    expect(check({ kind: 'mobile' }, '+86 138 0013 8000')).toBeUndefined();
    expect(check({ kind: 'mobile' }, '12800138000')?.message).toBe('Value is not a mainland mobile number');
    expect(check({ kind: 'mobile' }, '1380013800')).toBeDefined();
  });

  it('landline', () => {
    for (const v of [
      '0571-88123456',
      '(010)65123456',
      '057188123456',
      '010-65123456-123',
      '+86-571-88123456',
      '400-820-8820',
    ]) {
      expect(check({ kind: 'landline' }, v), v).toBeUndefined();
    }
    for (const v of ['88123456', '0571-08123456', '010-6512345', '13800138000', '0410-0079727']) {
      expect(check({ kind: 'landline' }, v), v).toBeDefined();
    }
  });

  it('phone accepts either', () => {
    expect(check({ kind: 'phone' }, '13800138000')).toBeUndefined();
    expect(check({ kind: 'phone' }, '0571-88123456')).toBeUndefined();
    expect(check({ kind: 'phone' }, '12345')?.message).toBe('Value is not a mobile or landline number');
  });

  it('email', () => {
    for (const v of [
      'a@b.cn',
      'zhang.san+tag@example.gov.cn',
      '用户@例子.中国'.replace('用户', 'user'),
      'x@xn--fiqs8s.xn--fiqz9s',
    ]) {
      expect(check({ kind: 'email' }, v), v).toBeUndefined();
    }
    for (const v of [
      'a@b',
      '@b.cn',
      'a..b@c.cn',
      'a@-b.cn',
      'a@b.c',
      'a b@c.cn',
      'a@b..cn',
      `${'a'.repeat(65)}@b.cn`,
    ]) {
      expect(check({ kind: 'email' }, v), v).toBeDefined();
    }
  });
});

describe('value checks', () => {
  it('maxLength counts characters (code points), not bytes', () => {
    expect(check({ kind: 'maxLength', max: 3 }, '张三丰')).toBeUndefined();
    expect(check({ kind: 'maxLength', max: 3 }, '𠀀𠀀𠀀')).toBeUndefined();
    expect(check({ kind: 'maxLength', max: 3 }, '张三丰四')?.message).toBe(
      'Value is longer than 3 characters',
    );
  });

  it('date: real dates in range, with today resolved per job', () => {
    const spec = { kind: 'date', min: '1900-01-01', max: 'today' } as const;
    expect(check(spec, '2024-02-29')).toBeUndefined();
    expect(check(spec, '2024年2月29日')).toBeUndefined();
    expect(check(spec, '2023-02-29')?.message).toBe('Value is not a real date (YYYY-MM-DD)');
    expect(check(spec, '1899-12-31')?.message).toBe('Date is before 1900-01-01');
    expect(check(spec, '2025-06-02')?.message).toBe('Date is after 2025-06-01');
    expect(check(spec, '2025-06-01')).toBeUndefined();
    // A date-time cell is compared by its Asia/Shanghai date.
    expect(check(spec, '2025-05-31T16:30:00.000Z')).toBeUndefined(); // 2025-06-01 00:30 in Beijing
    expect(check(spec, '2025-06-01T16:30:00.000Z')?.message).toBe('Date is after 2025-06-01');
  });

  it('datetime: instants in range, zone-less bounds in Asia/Shanghai', () => {
    const spec = { kind: 'datetime', min: '2024-01-01 00:00', max: '2024-12-31T23:59:59+08:00' } as const;
    expect(check(spec, '2024-01-01T00:00:00+08:00')).toBeUndefined();
    expect(check(spec, '2023-12-31T15:59:59.999Z')?.message).toBe(
      'Date-time is before 2023-12-31T16:00:00.000Z',
    );
    expect(check(spec, '2024-12-31T16:00:00.000Z')).toBeDefined();
    expect(check(spec, 'yesterday')?.message).toBe('Value is not a real date-time');
  });

  it('codeList is exact', () => {
    const spec: RuleSpecOf<'codeList'> = { kind: 'codeList', values: ['01', '02', '汉族'] };
    expect(check(spec, '01')).toBeUndefined();
    expect(check(spec, '汉族')).toBeUndefined();
    expect(check(spec, '1')?.message).toBe('Value is not in the code list');
  });

  it('regex matches the whole value and caps the input', () => {
    const spec = { kind: 'regex', pattern: '[A-Z]{2}\\d{4}' } as const;
    expect(check(spec, 'AB1234')).toBeUndefined();
    expect(check(spec, 'xAB1234')?.message).toBe('Value does not match the pattern');
    expect(check({ kind: 'regex', pattern: '.*' }, 'a'.repeat(257))?.message).toMatch(/too long/);
    expect(check({ kind: 'regex', pattern: 'ab', flags: 'i' }, 'AB')).toBeUndefined();
    expect(() => check({ kind: 'regex', pattern: '(a+)+' }, 'a')).toThrow(RangeError);
  });

  it('range compares numbers, including canonical decimal strings and numeric text', () => {
    const spec = { kind: 'range', min: 0, max: 100 } as const;
    expect(check(spec, '50', 50)).toBeUndefined();
    expect(check(spec, '-1', -1)?.message).toBe('Value is below the minimum 0');
    expect(check(spec, '100.5', 100.5)?.message).toBe('Value is above the maximum 100');
    expect(check(spec, 'x', 'x')?.message).toBe('Value is not a number');
    expect(check(spec, '1,000', '1,000')?.message).toBe('Value is above the maximum 100');
    expect(
      check({ kind: 'range', max: 1e20 }, '99999999999999999999.5', '99999999999999999999.5'),
    ).toBeUndefined();
  });
});
