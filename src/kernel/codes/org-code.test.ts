import { describe, expect, it } from 'vitest';
import { checkOrgCode, orgCodeCheckChar } from './index.js';

const codes = (s: string) => checkOrgCode(s).issues.map((i) => `${i.severity}:${i.code}`);

describe('checkOrgCode', () => {
  it('accepts the GB 11714 example with and without the hyphen', () => {
    expect(checkOrgCode('D2143569-X')).toEqual({ ok: true, value: 'D2143569-X', issues: [] });
    expect(checkOrgCode('D2143569X')).toEqual({ ok: true, value: 'D2143569-X', issues: [] });
    expect(orgCodeCheckChar('D2143569')).toBe('X');
  });

  it('normalises: trim, full-width (including the hyphen), uppercase', () => {
    for (const s of [' d2143569x ', 'Ｄ２１４３５６９－Ｘ', 'd2143569-x'])
      expect(checkOrgCode(s).value).toBe('D2143569-X');
  });

  it('maps a remainder of 0 (11) to check 0', () => {
    expect(orgCodeCheckChar('00000000')).toBe('0');
    expect(checkOrgCode('00000000-0').ok).toBe(true);
  });

  it('rejects bad length, bad characters and bad checksums', () => {
    expect(codes('D2143569')).toEqual(['error:ORG_LENGTH']);
    expect(codes('D2143569--X')).toEqual(['error:ORG_LENGTH']);
    expect(codes('D2143569+X')).toEqual(['error:ORG_LENGTH']);
    expect(codes('D214356$X')).toEqual(['error:ORG_CHAR']);
    expect(codes('D2143569-Y')).toEqual(['error:ORG_CHAR']);
    expect(codes('D2143569-1')).toEqual(['error:ORG_CHECKSUM']);
    expect(() => orgCodeCheckChar('D214356')).toThrow(RangeError);
  });
});
