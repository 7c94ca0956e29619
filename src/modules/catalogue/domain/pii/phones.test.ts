import { describe, expect, it } from 'vitest';
import { isLandline, isMobile, mobileDigits } from './phones.js';

describe('isMobile', () => {
  it('accepts 1[3-9] + 9 digits, with +86, 0086, 86, spaces or hyphens', () => {
    for (const v of [
      '13812345678',
      '19912345678',
      '+8613812345678',
      '+86 138 1234 5678',
      '0086-13812345678',
    ]) {
      expect(isMobile(v)).toBe(true);
    }
    expect(mobileDigits('138-1234-5678')).toBe('13812345678');
    expect(mobileDigits('8613812345678')).toBe('13812345678');
  });

  it('rejects phone-like codes', () => {
    for (const v of [
      '12812345678',
      '10086123456',
      '20240918757',
      '1381234567',
      '138123456789',
      '1381234567a',
    ]) {
      expect(isMobile(v)).toBe(false);
    }
    expect(isMobile('0571-88123456')).toBe(false);
  });
});

describe('isLandline', () => {
  it('accepts area code + local number in the usual spellings', () => {
    for (const v of [
      '0571-88123456',
      '010-65123456',
      '021 65123456',
      '(0571)88123456',
      '057188123456',
      '01065123456',
      '0570-8123456',
      '05708123456',
      '0571-88123456-8012',
      '0571-88123456转8012',
      '+86-571-88123456',
      '+86 10 65123456',
    ]) {
      expect(isLandline(v), v).toBe(true);
    }
  });

  it('rejects product codes, mobiles and numbers without an area code', () => {
    for (const v of [
      '0410-0079727', // local numbers never start with 0
      '0571-1234567', // … or 1
      '010-6512345', // 010 and 02x have 8-digit local numbers
      '0010-2345678', // 001 is not an area code
      '0199-2345678', // neither is 019x
      '88123456',
      '13812345678',
      '+86 13812345678',
      '0571-881234567',
      '571-88123456',
    ]) {
      expect(isLandline(v), v).toBe(false);
    }
  });
});
