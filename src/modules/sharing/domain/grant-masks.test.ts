import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultPolicyTable } from '../../catalogue/domain/resource/index.js';
import { compareMasks, MASK_KINDS, type MaskSpec } from '../../catalogue/domain/masking/index.js';
import {
  defaultGrantMask,
  isUnmasked,
  judgeMask,
  loosens,
  requiredMaskFor,
  type MaskedItem,
} from './grant-masks.js';

const policy = defaultPolicyTable();
const idItem: MaskedItem = {
  code: 'I001',
  piiKind: 'idNumber',
  nationalLevel: 'general3',
  defaultMask: { kind: 'idNumber', keepFirst: 1, keepLast: 2 },
};
const nameLow: MaskedItem = {
  code: 'I002',
  piiKind: 'name',
  nationalLevel: 'general1',
  defaultMask: { kind: 'name' },
};
const plain: MaskedItem = {
  code: 'I003',
  piiKind: null,
  nationalLevel: 'general1',
  defaultMask: { kind: 'clear' },
};

// Every parameterless kind plus representatives of the parameterised ones.
const SPECS: MaskSpec[] = [
  ...MASK_KINDS.filter((k) => !['keep', 'region', 'ageBand'].includes(k)).map(
    (k) => ({ kind: k }) as MaskSpec,
  ),
  { kind: 'keep', first: 3, last: 4 },
  { kind: 'keep', first: 0, last: 0 },
  { kind: 'region', to: 'city' },
  { kind: 'ageBand', width: 10 },
  { kind: 'idNumber', keepFirst: 6, keepLast: 4 },
];

describe('grant masks', () => {
  it('knows the policy minimum per level and PII kind', () => {
    expect(requiredMaskFor(idItem, policy)).toEqual({ kind: 'idNumber', keepFirst: 1, keepLast: 2 });
    expect(requiredMaskFor(nameLow, policy)).toBeNull();
    expect(requiredMaskFor(plain, policy)).toBeNull();
  });

  it('strengthening is always allowed, without reason', () => {
    for (const s of [{ kind: 'hash' }, { kind: 'null' }, { kind: 'pseudonym' }] as MaskSpec[])
      expect(judgeMask(s, idItem, policy, false)).toBeNull();
  });

  it('loosening below the default needs a reason; below the minimum is never allowed', () => {
    expect(judgeMask({ kind: 'clear' }, nameLow, policy, false)?.code).toBe('LOOSEN_REASON_REQUIRED');
    expect(judgeMask({ kind: 'clear' }, nameLow, policy, true)).toBeNull();
    expect(judgeMask({ kind: 'clear' }, idItem, policy, true)?.code).toBe('BELOW_POLICY_MINIMUM');
  });

  it('property: a mask is accepted iff it is at least the minimum and (at least the default or reasoned)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SPECS),
        fc.constantFrom(idItem, nameLow, plain),
        fc.boolean(),
        (spec, item, reason) => {
          const min = requiredMaskFor(item, policy);
          const ok =
            (!min || compareMasks(spec, min) >= 0) && (compareMasks(spec, item.defaultMask) >= 0 || reason);
          expect(judgeMask(spec, item, policy, reason) === null).toBe(ok);
          expect(loosens(spec, item)).toBe(compareMasks(spec, item.defaultMask) < 0);
        },
      ),
    );
  });

  it('defaults are raised to a minimum the policy tightened after publication', () => {
    const stale: MaskedItem = { ...idItem, defaultMask: { kind: 'clear' } };
    expect(defaultGrantMask(stale, policy)).toEqual({ kind: 'idNumber', keepFirst: 1, keepLast: 2 });
    expect(defaultGrantMask(plain, policy)).toEqual({ kind: 'clear' });
  });

  it('only clear counts as unmasked', () => {
    expect(isUnmasked({ kind: 'clear' })).toBe(true);
    expect(isUnmasked({ kind: 'keep', first: 64, last: 0 })).toBe(false);
  });
});
