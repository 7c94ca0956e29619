import { describe, expect, it } from 'vitest';
import { defaultMaskFor, PII_KINDS } from '../masking/index.js';
import { roundConfidence, SUGGESTED_LEVELS, suggestionFor } from './suggest.js';

describe('suggested levels', () => {
  it('grades ID numbers and bank cards 一般4/L4, USCCs 一般1/L1 and the other kinds 一般3/L3', () => {
    expect(SUGGESTED_LEVELS.idNumber).toEqual({ nationalLevel: 'general4', provincialLevel: 'L4' });
    expect(SUGGESTED_LEVELS.bankCard).toEqual({ nationalLevel: 'general4', provincialLevel: 'L4' });
    expect(SUGGESTED_LEVELS.uscc).toEqual({ nationalLevel: 'general1', provincialLevel: 'L1' });
    for (const k of ['name', 'mobile', 'landline', 'email', 'address', 'plate', 'birthDate'] as const) {
      expect(SUGGESTED_LEVELS[k]).toEqual({ nationalLevel: 'general3', provincialLevel: 'L3' });
    }
  });

  it('covers every PII kind', () => {
    for (const k of PII_KINDS) expect(SUGGESTED_LEVELS[k]).toBeDefined();
  });
});

describe('suggestionFor', () => {
  it('fills levels and the default mask and rounds the confidence to two decimals', () => {
    const s = suggestionFor('birthDate', 0.87654, 40, 42, 'r');
    expect(s).toEqual({
      kind: 'birthDate',
      confidence: 0.88,
      matched: 40,
      sampled: 42,
      nationalLevel: 'general3',
      provincialLevel: 'L3',
      mask: defaultMaskFor('birthDate'),
      reason: 'r',
    });
    expect(s.mask).toEqual({ kind: 'dateToYear' });
  });

  it('keeps confidence within 0..1', () => {
    expect(roundConfidence(1.2)).toBe(1);
    expect(roundConfidence(-0.1)).toBe(0);
    expect(roundConfidence(0.005)).toBe(0.01);
  });
});
