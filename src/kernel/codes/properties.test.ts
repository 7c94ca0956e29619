// Property tests (fast-check): generators and checkers agree, single-character errors are always caught,
// normalisers are idempotent, and no checker throws on any string.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkIdNumber,
  checkLicenceId,
  checkOrgCode,
  checkRegionCode,
  checkUscc,
  licenceCheckChar,
  LICENCE_ID_PREFIX,
  makeIdNumber,
  makeUscc,
  normaliseIdNumber,
  normaliseText,
  randomIdNumber,
  USCC_CHARSET,
  type CheckResult,
} from './index.js';
import { allCountyCodes } from './region.js';

const today = new Date('2025-06-01T12:00:00+08:00');
const county = fc.constantFrom(...allCountyCodes());
const birthDate = fc
  .date({ min: new Date('1850-01-01T00:00:00Z'), max: new Date('2025-05-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const gender = fc.constantFrom('male' as const, 'female' as const);
const validId = fc
  .tuple(county, birthDate, fc.integer({ min: 0, max: 999 }), gender)
  .map(([r, b, s, g]) => makeIdNumber(r, b, s, g));
const usccChar = fc.constantFrom(...USCC_CHARSET);
const validUscc = fc
  .tuple(usccChar, usccChar, county, fc.string({ unit: usccChar, minLength: 9, maxLength: 9 }))
  .map(([a, c, r, o]) => makeUscc(a, c, r, o));
const idChars = '0123456789X';
const alnum = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Replaces position i of s with a different character from `allowed`. */
function mutate(s: string, i: number, allowed: string, pickIndex: number): string {
  const others = [...allowed].filter((c) => c !== s.charAt(i));
  return s.slice(0, i) + others[pickIndex % others.length] + s.slice(i + 1);
}

/** The CheckResult contract: ok iff no error, value iff ok. */
function wellFormed<T>(r: CheckResult<T>): boolean {
  const ok = !r.issues.some((i) => i.severity === 'error');
  return r.ok === ok && (r.value !== undefined) === ok && r.issues.every((i) => i.code && i.message);
}

describe('properties', () => {
  it('makeIdNumber → checkIdNumber is ok and round-trips region, birth date and gender', () => {
    fc.assert(
      fc.property(county, birthDate, fc.integer({ min: 0, max: 999 }), gender, (r, b, s, g) => {
        const result = checkIdNumber(makeIdNumber(r, b, s, g), { today });
        expect(result.issues).toEqual([]);
        expect(result.value).toMatchObject({ regionCode: r, birthDate: b, gender: g });
      }),
    );
  });

  it('randomIdNumber is valid and deterministic for a given random source', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
        (xs) => {
          const source = () => {
            let i = 0;
            return () => xs[i++ % xs.length] ?? 0;
          };
          const id = randomIdNumber(source());
          expect(randomIdNumber(source())).toBe(id);
          expect(checkIdNumber(id, { today }).issues).toEqual([]);
        },
      ),
    );
  });

  it('any single-character change to a valid ID number fails the checksum', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 17 }), fc.nat(), (id, i, k) => {
        const changed = mutate(id, i, i === 17 ? idChars : '0123456789', k);
        expect(checkIdNumber(changed, { today }).issues.map((x) => x.code)).toContain('ID_CHECKSUM');
      }),
    );
  });

  it('any single-character change to a valid USCC fails the checksum', () => {
    fc.assert(
      fc.property(validUscc, fc.integer({ min: 0, max: 17 }), fc.nat(), (code, i, k) => {
        expect(checkUscc(code).ok).toBe(true);
        expect(checkUscc(mutate(code, i, USCC_CHARSET, k)).issues.map((x) => x.code)).toContain(
          'USCC_CHECKSUM',
        );
      }),
    );
  });

  it('any single-character change to a licence identifier body or check fails the checksum', () => {
    const field = fc.string({ unit: fc.constantFrom(...alnum), minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(
        field,
        field,
        field,
        fc.integer({ min: 0, max: 999 }),
        fc.nat(),
        fc.nat(),
        (t, is, se, v, i, k) => {
          const body = `${t}.${is}.${se}.${String(v).padStart(3, '0')}`;
          const id = `${LICENCE_ID_PREFIX}${body}.${licenceCheckChar(body)}`;
          expect(checkLicenceId(id).ok).toBe(true);
          const positions = [...id].flatMap((c, p) =>
            p >= LICENCE_ID_PREFIX.length && c !== '.' ? [p] : [],
          );
          const p = positions[i % positions.length] ?? id.length - 1;
          const versionStart = id.length - 5;
          const allowed = p >= versionStart && p < versionStart + 3 ? '0123456789' : alnum;
          expect(checkLicenceId(mutate(id, p, allowed, k)).issues.map((x) => x.code)).toContain(
            'LICENCE_CHECKSUM',
          );
        },
      ),
    );
  });

  it('normalisers are idempotent', () => {
    const messy = fc.string({
      unit: fc.oneof(
        fc.constantFrom(...'0123456789xX ', '\u3000', '１', 'ｘ', 'Ｘ', '\uFF5E', '\uFF01', '\t', 'ß'),
        fc.string({ unit: 'binary', maxLength: 1 }),
      ),
      maxLength: 30,
    });
    fc.assert(
      fc.property(fc.oneof(messy, fc.string({ unit: 'binary' })), (s) => {
        expect(normaliseText(normaliseText(s))).toBe(normaliseText(s));
        expect(normaliseIdNumber(normaliseIdNumber(s))).toBe(normaliseIdNumber(s));
      }),
    );
    fc.assert(
      fc.property(validId, (id) => {
        const fifteen = id.slice(0, 6) + id.slice(8, 17);
        expect(normaliseIdNumber(normaliseIdNumber(fifteen))).toBe(normaliseIdNumber(fifteen));
      }),
    );
  });

  it('checkers never throw and always return a well-formed result', () => {
    const checkers: ((s: string) => CheckResult<unknown>)[] = [
      (s) => checkIdNumber(s, { today }),
      checkUscc,
      checkOrgCode,
      checkRegionCode,
      checkLicenceId,
    ];
    const inputs = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: fc.constantFrom(...'0123456789xX.-', ...LICENCE_ID_PREFIX), maxLength: 60 }),
      fc.string({ unit: 'binary-ascii', minLength: 18, maxLength: 18 }),
    );
    fc.assert(
      fc.property(inputs, (s) => {
        for (const check of checkers) expect(wellFormed(check(s))).toBe(true);
      }),
      { numRuns: 500 },
    );
    const huge = [
      '1'.repeat(1_000_000),
      'x'.repeat(1_000_000),
      '\uFF11'.repeat(1_000_000),
      '\u3000'.repeat(500_000) + '11010519491231002X',
      LICENCE_ID_PREFIX + 'A'.repeat(1_000_000) + '.1.1.001.0',
      '.'.repeat(1_000_000),
      '\uD800\uDFFF\uD800',
      '😀'.repeat(18),
    ];
    for (const s of huge) for (const check of checkers) expect(wellFormed(check(s))).toBe(true);
  });
});
