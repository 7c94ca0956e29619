import { describe, expect, it } from 'vitest';
import { checkLicenceId, licenceCheckChar, LICENCE_ID_PREFIX, makeUscc } from './index.js';

const codes = (s: string) => checkLicenceId(s).issues.map((i) => `${i.severity}:${i.code}`);

/** ISO 7064 MOD 37,36 verification written the other way round: running the recursion over body + check
 * must end with S = 1 (equivalently (P + check) mod 36 = 1). */
function verifies(bodyWithCheck: string): boolean {
  let p = 36;
  let s = 0;
  for (const c of bodyWithCheck) {
    s = (p + parseInt(c, 36)) % 36 || 36;
    p = (2 * s) % 37;
  }
  return s === 1;
}

const type = `${makeUscc('1', '1', '100000', '000000133')}001`; // a USCC + 3 digits
const issuer = '91310110666007217T';
const serial = '2024000001';
const version = '001';
const check = licenceCheckChar(type + issuer + serial + version);
const ours = `${LICENCE_ID_PREFIX}${type}.${issuer}.${serial}.${version}.${check}`;

describe('licence identifiers', () => {
  it('computes a check char that verifies independently', () => {
    expect(verifies(type + issuer + serial + version + check)).toBe(true);
    expect(licenceCheckChar(`${type}.${issuer}.${serial}.${version}`)).toBe(check);
    expect(checkLicenceId(ours)).toEqual({ ok: true, value: ours, issues: [] });
  });

  it('accepts the published example (全国一体化政务服务平台 电子证照, appendix A.2)', () => {
    const example = '1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.002.S';
    expect(checkLicenceId(example)).toEqual({ ok: true, value: example, issues: [] });
    expect(verifies('11100000000013338W01111430000006122244L20230000403002S')).toBe(true);
  });

  it('normalises case, full-width and spaces', () => {
    expect(checkLicenceId(` ${ours.toLowerCase()}\u3000`).value).toBe(ours);
    expect(checkLicenceId(ours.replace(/\./g, '．')).value).toBe(ours);
  });

  it('accepts a region code as issuer', () => {
    const body = `${type}.330000.${serial}.${version}`;
    expect(codes(`${LICENCE_ID_PREFIX}${body}.${licenceCheckChar(body)}`)).toEqual([]);
  });

  it('rejects structural errors', () => {
    expect(codes('1.2.156.3005.1.' + ours.slice(LICENCE_ID_PREFIX.length))).toEqual(['error:LICENCE_PREFIX']);
    expect(codes(`${LICENCE_ID_PREFIX}${type}.${issuer}.${serial}.${check}`)).toEqual([
      'error:LICENCE_FORMAT',
    ]);
    expect(codes(`${LICENCE_ID_PREFIX}${type}..${serial}.${version}.${check}`)).toEqual([
      'error:LICENCE_CHAR',
    ]);
    expect(codes(`${LICENCE_ID_PREFIX}${type}.${issuer}.20-24.${version}.${check}`)).toEqual([
      'error:LICENCE_CHAR',
    ]);
    expect(codes(`${LICENCE_ID_PREFIX}${type}.${issuer}.${serial}.${version}.AB`)).toEqual([
      'error:LICENCE_CHAR',
    ]);
    expect(codes(`${LICENCE_ID_PREFIX}${type}.${issuer}.${serial}.01.${check}`)).toEqual([
      'error:LICENCE_VERSION',
    ]);
  });

  it('rejects a bad check char', () => {
    const wrong = check === '0' ? '1' : '0';
    expect(codes(ours.slice(0, -1) + wrong)).toEqual(['error:LICENCE_CHECKSUM']);
  });

  it('warns about unusual type and issuer codes', () => {
    const body = `ABC.XYZ.${serial}.${version}`;
    expect(codes(`${LICENCE_ID_PREFIX}${body}.${licenceCheckChar(body)}`)).toEqual([
      'warning:LICENCE_TYPE_CODE',
      'warning:LICENCE_ISSUER_CODE',
    ]);
    expect(checkLicenceId(`${LICENCE_ID_PREFIX}${body}.${licenceCheckChar(body)}`).ok).toBe(true);
  });

  it('throws RangeError from licenceCheckChar on bad input', () => {
    expect(() => licenceCheckChar('')).toThrow(RangeError);
    expect(() => licenceCheckChar('ab')).toThrow(RangeError);
  });
});
