import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../kernel/index.js';
import { MASK_KINDS, maskSpecSchema, parseMaskSpec, resolveMaskSpec, type MaskSpec } from './index.js';

describe('mask spec schema', () => {
  it('accepts every kind with valid parameters and round-trips through JSON', () => {
    const specs: MaskSpec[] = [
      { kind: 'clear' },
      { kind: 'name' },
      { kind: 'idNumber' },
      { kind: 'idNumber', keepFirst: 6, keepLast: 4 },
      { kind: 'mobile' },
      { kind: 'landline' },
      { kind: 'address', hideLast: 10 },
      { kind: 'email' },
      { kind: 'bankCard' },
      { kind: 'plate' },
      { kind: 'keep', first: 0, last: 4 },
      { kind: 'dateToYear' },
      { kind: 'region', to: 'city', as: 'name' },
      { kind: 'ageBand', width: 10, asOf: '2024-02-29' },
      { kind: 'pseudonym' },
      { kind: 'hash' },
      { kind: 'null' },
    ];
    expect(new Set(specs.map((s) => s.kind))).toEqual(new Set(MASK_KINDS));
    for (const spec of specs) expect(maskSpecSchema.parse(JSON.parse(JSON.stringify(spec)))).toEqual(spec);
  });

  it.each([
    [{ kind: 'shuffle' }],
    [{ kind: 'idNumber', keepFirst: 3 }],
    [{ kind: 'idNumber', keepLast: 6 }],
    [{ kind: 'address', hideLast: 0 }],
    [{ kind: 'keep', first: -1, last: 0 }],
    [{ kind: 'keep', first: 1.5, last: 0 }],
    [{ kind: 'keep', first: 65, last: 0 }],
    [{ kind: 'keep', first: 1 }],
    [{ kind: 'ageBand', width: 7 }],
    [{ kind: 'ageBand', width: 10, asOf: '2023-02-29' }],
    [{ kind: 'ageBand', width: 10, asOf: '2023-2-1' }],
    [{ kind: 'region', to: 'county' }],
    [{ kind: 'name', extra: true }],
    [null],
    ['name'],
  ])('rejects %j', (input) => {
    expect(maskSpecSchema.safeParse(input).success).toBe(false);
  });

  it('parseMaskSpec throws the platform 400 with the field path', () => {
    try {
      parseMaskSpec({ kind: 'keep', first: -1, last: 0 }, 'items.0.mask');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).status).toBe(400);
      expect(JSON.stringify((e as AppError).details)).toContain('items.0.mask.first');
    }
  });

  it('resolveMaskSpec makes defaults explicit', () => {
    expect(resolveMaskSpec({ kind: 'idNumber' })).toEqual({ kind: 'idNumber', keepFirst: 1, keepLast: 2 });
    expect(resolveMaskSpec({ kind: 'address' })).toEqual({ kind: 'address', hideLast: 8 });
    expect(resolveMaskSpec({ kind: 'region', to: 'city' })).toEqual({
      kind: 'region',
      to: 'city',
      as: 'code',
    });
    expect(resolveMaskSpec({ kind: 'mobile' })).toEqual({ kind: 'mobile' });
  });
});
