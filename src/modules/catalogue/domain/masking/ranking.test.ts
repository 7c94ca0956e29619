import { describe, expect, it } from 'vitest';
import {
  atLeast,
  compareMasks,
  defaultMaskFor,
  maskStrength,
  PII_KINDS,
  strongerMask,
  type MaskSpec,
} from './index.js';

describe('mask ranking', () => {
  it('orders the issue list: clear < pattern < hides more < generalisation < pseudonym < hash < null', () => {
    const ladder: MaskSpec[] = [
      { kind: 'clear' },
      { kind: 'mobile' },
      { kind: 'keep', first: 3, last: 0 },
      { kind: 'dateToYear' },
      { kind: 'pseudonym' },
      { kind: 'hash' },
      { kind: 'null' },
    ];
    for (let i = 0; i < ladder.length; i++) {
      for (let j = 0; j < ladder.length; j++) {
        const a = ladder[i] as MaskSpec;
        const b = ladder[j] as MaskSpec;
        expect(compareMasks(a, b)).toBe(Math.sign(i - j));
      }
    }
  });

  it('partials of one kind: fewer revealed characters is stronger', () => {
    expect(compareMasks({ kind: 'idNumber', keepFirst: 6, keepLast: 4 }, { kind: 'idNumber' })).toBe(-1);
    expect(
      compareMasks(
        { kind: 'idNumber', keepFirst: 1, keepLast: 4 },
        { kind: 'idNumber', keepFirst: 6, keepLast: 2 },
      ),
    ).toBe(1);
    expect(compareMasks({ kind: 'address', hideLast: 10 }, { kind: 'address' })).toBe(1);
    expect(compareMasks({ kind: 'keep', first: 2, last: 2 }, { kind: 'keep', first: 0, last: 4 })).toBe(0);
    expect(compareMasks({ kind: 'keep', first: 0, last: 3 }, { kind: 'keep', first: 0, last: 4 })).toBe(1);
  });

  it('a partial of another kind compares with the pattern by revealed characters, then by hidden ones', () => {
    // Mobile pattern: shows at most 7, always hides 4.
    expect(maskStrength({ kind: 'mobile' })).toMatchObject({ tier: 'partial', maxRevealed: 7, minHidden: 4 });
    expect(atLeast({ kind: 'keep', first: 3, last: 3 }, { kind: 'mobile' })).toBe(true);
    // Same 7 shown, but "keep" shows 7 of an 8-character value where the mobile pattern shows 4.
    expect(atLeast({ kind: 'keep', first: 3, last: 4 }, { kind: 'mobile' })).toBe(false);
    expect(atLeast({ kind: 'mobile' }, { kind: 'keep', first: 3, last: 4 })).toBe(true);
    // The name pattern and "keep the first character" are the same mask.
    expect(compareMasks({ kind: 'name' }, { kind: 'keep', first: 1, last: 0 })).toBe(0);
    // Address and e-mail can show any number of characters: any bounded partial beats them.
    expect(atLeast({ kind: 'keep', first: 6, last: 0 }, { kind: 'address' })).toBe(true);
    expect(atLeast({ kind: 'address' }, { kind: 'keep', first: 40, last: 20 })).toBe(false);
    expect(atLeast({ kind: 'keep', first: 1, last: 0 }, { kind: 'email' })).toBe(true);
    expect(atLeast({ kind: 'address', hideLast: 1 }, { kind: 'email' })).toBe(true);
  });

  it('generalisations: coarser buckets are stronger within a dimension', () => {
    expect(compareMasks({ kind: 'region', to: 'province' }, { kind: 'region', to: 'city' })).toBe(1);
    expect(compareMasks({ kind: 'region', to: 'city', as: 'name' }, { kind: 'region', to: 'city' })).toBe(0);
    expect(compareMasks({ kind: 'ageBand', width: 20 }, { kind: 'ageBand', width: 10 })).toBe(1);
    expect(compareMasks({ kind: 'ageBand', width: 5 }, { kind: 'dateToYear' })).toBe(1);
    expect(
      compareMasks({ kind: 'ageBand', width: 5, asOf: '2020-01-01' }, { kind: 'ageBand', width: 5 }),
    ).toBe(0);
    expect(atLeast({ kind: 'dateToYear' }, { kind: 'keep', first: 0, last: 0 })).toBe(true);
  });

  it('atLeast: an approver may strengthen the policy minimum but not go below it', () => {
    const minimum = defaultMaskFor('idNumber');
    expect(atLeast({ kind: 'idNumber' }, minimum)).toBe(true);
    expect(atLeast({ kind: 'pseudonym' }, minimum)).toBe(true);
    expect(atLeast({ kind: 'idNumber', keepFirst: 6, keepLast: 4 }, minimum)).toBe(false);
    expect(atLeast({ kind: 'clear' }, minimum)).toBe(false);
  });

  it('strongerMask keeps the highest (就高从严)', () => {
    expect(strongerMask({ kind: 'mobile' }, { kind: 'hash' })).toEqual({ kind: 'hash' });
    expect(strongerMask({ kind: 'null' }, { kind: 'hash' })).toEqual({ kind: 'null' });
    expect(strongerMask({ kind: 'name' }, { kind: 'keep', first: 1, last: 0 })).toEqual({ kind: 'name' });
  });
});

describe('defaultMaskFor', () => {
  it('gives the STANDARDS pattern per PII kind; USCC is clear, birth dates become years', () => {
    expect(Object.fromEntries(PII_KINDS.map((k) => [k, defaultMaskFor(k)]))).toEqual({
      name: { kind: 'name' },
      idNumber: { kind: 'idNumber', keepFirst: 1, keepLast: 2 },
      mobile: { kind: 'mobile' },
      landline: { kind: 'landline' },
      address: { kind: 'address', hideLast: 8 },
      email: { kind: 'email' },
      bankCard: { kind: 'bankCard' },
      plate: { kind: 'plate' },
      birthDate: { kind: 'dateToYear' },
      uscc: { kind: 'clear' },
      other: { kind: 'keep', first: 0, last: 0 },
    });
  });
  it('every personal kind is masked by default', () => {
    for (const k of PII_KINDS) {
      expect(maskStrength(defaultMaskFor(k)).tier === 'clear').toBe(k === 'uscc');
    }
  });
});
