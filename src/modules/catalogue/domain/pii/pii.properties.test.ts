import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../../kernel/index.js';
import { isBankCard, luhnValid } from './bank-card.js';
import { isIdNumber } from './codes.js';
import { analyseColumn } from './detect.js';
import { isLandline, isMobile } from './phones.js';

const AS_OF = new Date('2026-01-01T00:00:00+08:00');
const birthDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('PII detector properties', () => {
  it('accepts every well-formed ID number and rejects it with any other check character', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('110105', '330106', '440305', '510104', '650102'),
        birthDate,
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom(...'0123456789X'),
        (region, birth, seq, other) => {
          const id = makeIdNumber(region, birth, seq);
          expect(isIdNumber(id, AS_OF)).toBe(true);
          if (other !== id.charAt(17)) expect(isIdNumber(id.slice(0, 17) + other, AS_OF)).toBe(false);
        },
      ),
    );
  });

  it('never calls a Luhn failure a bank card', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[2-9]\d{15,18}$/), (n) => {
        if (!luhnValid(n)) expect(isBankCard(n)).toBe(false);
      }),
    );
  });

  it('never reads one value as both a mobile and a landline', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[+0-9 ()-]{7,18}$/), (v) => {
        expect(isMobile(v) && isLandline(v)).toBe(false);
      }),
    );
  });

  it('returns well-formed results for any column', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12 }),
        fc.array(fc.option(fc.string({ maxLength: 30 }), { nil: null }), { maxLength: 40 }),
        (header, values) => {
          const r = analyseColumn(header, values, { asOf: AS_OF });
          for (const s of [r.suggestion, ...r.alternatives]) {
            if (!s) continue;
            expect(s.confidence).toBeGreaterThanOrEqual(0);
            expect(s.confidence).toBeLessThanOrEqual(1);
            expect(Math.round(s.confidence * 100) / 100).toBe(s.confidence);
            expect(s.matched).toBeLessThanOrEqual(s.sampled);
          }
        },
      ),
    );
  });
});
