import { describe, expect, it } from 'vitest';
import { idCheckChar } from '../../../../kernel/index.js';
import { isIdNumber, isUscc } from './codes.js';

describe('isIdNumber', () => {
  it('accepts checksum-valid 18-character numbers, lowercase x and legacy 15-digit numbers', () => {
    expect(isIdNumber('11010519491231002X')).toBe(true);
    expect(isIdNumber('11010519491231002x')).toBe(true);
    expect(isIdNumber('110105491231002')).toBe(true);
  });

  it('rejects a wrong check character, a bad birth date and 18-digit order numbers', () => {
    expect(isIdNumber('110105194912310021')).toBe(false);
    expect(isIdNumber(`11010519491331002${idCheckChar('11010519491331002')}`)).toBe(false); // month 13
    expect(isIdNumber('202403150998795414')).toBe(false);
    expect(isIdNumber('11010519491231002')).toBe(false);
  });

  it('rejects a birth date after asOf', () => {
    const id = '110105202506010010';
    expect(isIdNumber(id, new Date('2026-01-01T00:00:00Z'))).toBe(true);
    expect(isIdNumber(id, new Date('2025-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('isUscc', () => {
  it('accepts checksum-valid codes in either case', () => {
    expect(isUscc('91310110666007217T')).toBe(true);
    expect(isUscc('91310110666007217t')).toBe(true);
  });

  it('rejects a wrong check character, a forbidden letter and other lengths', () => {
    expect(isUscc('91310110666007217U')).toBe(false);
    expect(isUscc('9131011O666007217T')).toBe(false);
    expect(isUscc('D2143569-X')).toBe(false);
    expect(isUscc('11010519491231002X')).toBe(false);
  });
});
