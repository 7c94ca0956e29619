// Property tests for the security-relevant promises: a partial mask never shows more characters than its
// ranking says, keep masks show only a prefix and suffix, nothing throws or leaks on odd input, and the
// ranking is a total preorder in which strengthening never weakens.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseText } from '../../../../kernel/index.js';
import {
  applyMask,
  atLeast,
  compareMasks,
  compileMask,
  MASK_KINDS,
  maskSpecSchema,
  maskStrength,
  partialProfile,
  strongerMask,
  type HmacFn,
  type MaskContext,
  type MaskSpec,
  type PartialSpec,
} from './index.js';
import { createHmac } from 'node:crypto';

const hmac: HmacFn = (k, d) => createHmac('sha256', k).update(d).digest();
const ctx: MaskContext = {
  hmac,
  pseudonymKey: Buffer.alloc(32, 1),
  hashKey: Buffer.alloc(32, 2),
  asOf: new Date('2025-06-30T12:00:00+08:00'),
};

// Characters that matter to the masks: digits (also full-width), CJK incl. an astral ideograph, Latin,
// separators, whitespace (also the ideographic space), '@', 'X', and the mask character itself.
const CHARS = [
  ...'0123456789１８０Ｘ段正淳北京市海淀区號𠀀𠀁😀abcXx@.-·() \t\u3000',
  '\u0301', // a combining mark: counted as its own code point
];
const noStar = fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 40 });
const withStar = fc.string({ unit: fc.constantFrom(...CHARS, '*'), maxLength: 40 });
const anyText = fc.oneof(
  withStar,
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 40 }),
);
const anyValue = fc.oneof(
  anyText,
  fc.integer(),
  fc.double(),
  fc.constant(null),
  fc.constantFrom('330106', '51343620000320711X', '1990-05-17', '18049531999', 19900517),
);

const small = fc.integer({ min: 0, max: 24 });
const partialSpec: fc.Arbitrary<PartialSpec> = fc.oneof(
  fc.constantFrom<PartialSpec>(
    { kind: 'name' },
    { kind: 'mobile' },
    { kind: 'landline' },
    { kind: 'email' },
    { kind: 'bankCard' },
    { kind: 'plate' },
    { kind: 'idNumber' },
    { kind: 'address' },
  ),
  fc
    .record({
      keepFirst: fc.constantFrom(1 as const, 6 as const),
      keepLast: fc.constantFrom(2 as const, 4 as const),
    })
    .map((r): PartialSpec => ({ kind: 'idNumber', ...r })),
  fc.integer({ min: 1, max: 64 }).map((hideLast): PartialSpec => ({ kind: 'address', hideLast })),
  fc.record({ first: small, last: small }).map((r): PartialSpec => ({ kind: 'keep', ...r })),
);
const anySpec: fc.Arbitrary<MaskSpec> = fc.oneof(
  partialSpec,
  fc.constantFrom<MaskSpec>(
    { kind: 'clear' },
    { kind: 'dateToYear' },
    { kind: 'pseudonym' },
    { kind: 'hash' },
    { kind: 'null' },
  ),
  fc
    .record({
      to: fc.constantFrom('city' as const, 'province' as const),
      as: fc.constantFrom('code' as const, 'name' as const),
    })
    .map((r): MaskSpec => ({ kind: 'region', ...r })),
  fc
    .constantFrom(5 as const, 10 as const, 20 as const)
    .map((width): MaskSpec => ({ kind: 'ageBand', width })),
);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Shown and hidden characters of a partial mask's output (e-mail: of the local part only). */
function revealCount(spec: PartialSpec, out: string): { shown: number; hidden: number; length: number } {
  let body = out;
  if (spec.kind === 'email') {
    const at = out.lastIndexOf('@');
    body = at < 0 ? out : out.slice(0, at);
  }
  if (spec.kind === 'bankCard') body = body.replace(/ /g, '');
  const chars = Array.from(body);
  const hidden = chars.filter((c) => c === '*').length;
  return { shown: chars.length - hidden, hidden, length: chars.length };
}

describe('partial masks never show more than their profile allows', () => {
  it('shown characters ≤ maxRevealed, for every partial spec and every string', () => {
    fc.assert(
      fc.property(partialSpec, anyText, (spec, text) => {
        const out = applyMask(spec, text);
        expect(typeof out).toBe('string');
        const { shown } = revealCount(spec, String(out));
        const { maxRevealed } = partialProfile(spec);
        expect(shown).toBeLessThanOrEqual(spec.kind === 'email' ? 1 : maxRevealed);
      }),
      { numRuns: 3000 },
    );
  });

  it('hidden characters ≥ min(length, minHidden): a non-empty value is never returned in clear', () => {
    fc.assert(
      fc.property(partialSpec, noStar, (spec, text) => {
        const out = String(applyMask(spec, text));
        const { hidden, length } = revealCount(spec, out);
        const { minHidden } = partialProfile(spec);
        expect(hidden).toBeGreaterThanOrEqual(Math.min(length, minHidden));
        // Separators removed from codes can leave nothing at all ('-' as a mobile number masks to '').
        if (length > 0) expect(hidden).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });

  it('keep masks show at most `first` leading and `last` trailing code points of the (trimmed) input', () => {
    fc.assert(
      fc.property(small, small, anyText, (first, last, text) => {
        const input = Array.from(normaliseText(text));
        const out = Array.from(String(applyMask({ kind: 'keep', first, last }, text)));
        expect(out.length).toBe(input.length);
        let shown = 0;
        out.forEach((c, i) => {
          if (c === '*') return;
          shown++;
          expect(c).toBe(input[i]);
          expect(i < first || i >= input.length - last).toBe(true);
        });
        expect(shown).toBeLessThanOrEqual(first + last);
      }),
      { numRuns: 3000 },
    );
  });

  // No rule for cutting the budget of a short value can keep positions nested for every pair: with two
  // characters and one to show, keep{1,1} must pick a side that keep{0,1} or keep{1,0} does not. So on short
  // values only the count is nested; on values long enough for the weaker pattern the positions are too.
  it('a same-kind partial that ranks stronger never shows more, and on long values shows a subset', () => {
    const sameKind = fc.oneof(
      fc.tuple(small, small, small, small).map(([a, b, c, d]): [PartialSpec, PartialSpec] => [
        { kind: 'keep', first: a, last: b },
        { kind: 'keep', first: c, last: d },
      ]),
      fc
        .tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }))
        .map(([a, b]): [PartialSpec, PartialSpec] => [
          { kind: 'address', hideLast: a },
          { kind: 'address', hideLast: b },
        ]),
      fc
        .tuple(fc.constantFrom(1 as const, 6 as const), fc.constantFrom(2 as const, 4 as const))
        .map(([f, l]): [PartialSpec, PartialSpec] => [
          { kind: 'idNumber' },
          { kind: 'idNumber', keepFirst: f, keepLast: l },
        ]),
    );
    fc.assert(
      fc.property(sameKind, noStar, ([a, b], text) => {
        const [weak, strong] = compareMasks(a, b) <= 0 ? [a, b] : [b, a];
        // Positions can only nest when each end of the stronger pattern is within the weaker's
        // (keep{2,2} and keep{0,4} tie in rank but show different ends).
        let nested = true;
        if (weak.kind === 'keep' && strong.kind === 'keep') {
          nested = strong.first <= weak.first && strong.last <= weak.last;
        }
        if (weak.kind === 'idNumber' && strong.kind === 'idNumber') {
          nested =
            (strong.keepFirst ?? 1) <= (weak.keepFirst ?? 1) &&
            (strong.keepLast ?? 2) <= (weak.keepLast ?? 2);
        }
        const w = Array.from(String(applyMask(weak, text)));
        const s = Array.from(String(applyMask(strong, text)));
        expect(s.length).toBe(w.length);
        const shown = (cs: string[]): number => cs.filter((c) => c !== '*').length;
        expect(shown(s)).toBeLessThanOrEqual(shown(w));
        const profile = partialProfile(weak);
        if (nested && w.length >= profile.maxRevealed + profile.minHidden) {
          s.forEach((c, i) => {
            if (c !== '*') expect(w[i]).toBe(c);
          });
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('outputs are well-formed Unicode for well-formed input (no split surrogate pairs)', () => {
    fc.assert(
      fc.property(anySpec, fc.oneof(withStar, fc.string({ unit: 'binary', maxLength: 40 })), (spec, text) => {
        expect(LONE_SURROGATE.test(String(applyMask(spec, text, ctx)))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('every mask on every value', () => {
  it('never throws; null stays null; clear is the identity; null is null', () => {
    fc.assert(
      fc.property(anySpec, anyValue, (spec, value) => {
        const out = applyMask(spec, value, ctx);
        if (value === null) expect(out).toBeNull();
        if (spec.kind === 'clear') expect(out).toBe(value);
        if (spec.kind === 'null') expect(out).toBeNull();
      }),
      { numRuns: 3000 },
    );
  });

  it('generalisations return their own shapes or null', () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        const year = applyMask({ kind: 'dateToYear' }, value);
        if (year !== null) expect(String(year)).toMatch(/^\d{4}$/);
        const city = applyMask({ kind: 'region', to: 'city' }, value);
        if (city !== null) expect(String(city)).toMatch(/^\d{4}00$/);
        const province = applyMask({ kind: 'region', to: 'province' }, value);
        if (province !== null) expect(String(province)).toMatch(/^\d{2}0000$/);
        const band = applyMask({ kind: 'ageBand', width: 10 }, value, ctx);
        if (band !== null) expect(String(band)).toMatch(/^\d*0-\d*9$/);
      }),
      { numRuns: 3000 },
    );
  });

  it('compiled and one-shot application agree', () => {
    fc.assert(
      fc.property(anySpec, fc.array(anyValue, { maxLength: 5 }), (spec, values) => {
        const masker = compileMask(spec, ctx);
        for (const v of values) expect(masker(v)).toEqual(applyMask(spec, v, ctx));
      }),
    );
  });

  it('every generated spec is valid under the schema', () => {
    fc.assert(
      fc.property(anySpec, (spec) => {
        expect(maskSpecSchema.safeParse(spec).success).toBe(true);
        expect(MASK_KINDS).toContain(spec.kind);
      }),
    );
  });
});

/** Specs that must rank at least as strong as `spec`. */
function strongerCandidates(spec: MaskSpec): MaskSpec[] {
  const above: MaskSpec[] = [{ kind: 'pseudonym' }, { kind: 'hash' }, { kind: 'null' }];
  const generalisations: MaskSpec[] = [
    { kind: 'dateToYear' },
    { kind: 'region', to: 'city' },
    { kind: 'ageBand', width: 5 },
  ];
  switch (spec.kind) {
    case 'clear':
      return [{ kind: 'clear' }, { kind: 'address' }, { kind: 'mobile' }, ...generalisations, ...above];
    case 'keep':
      return [
        { kind: 'keep', first: Math.max(0, spec.first - 1), last: spec.last },
        { kind: 'keep', first: spec.first, last: Math.max(0, spec.last - 1) },
        { kind: 'keep', first: 0, last: 0 },
        ...generalisations,
        ...above,
      ];
    case 'address':
      return [
        { kind: 'address', hideLast: Math.min(64, (spec.hideLast ?? 8) + 1) },
        { kind: 'keep', first: 6, last: 0 },
        ...generalisations,
        ...above,
      ];
    case 'idNumber':
      return [{ kind: 'idNumber' }, { kind: 'keep', first: 1, last: 1 }, ...generalisations, ...above];
    case 'region':
      return [{ kind: 'region', to: 'province' }, ...above];
    case 'ageBand':
      return [{ kind: 'ageBand', width: 20 }, ...above];
    case 'dateToYear':
      return [{ kind: 'ageBand', width: 5 }, { kind: 'ageBand', width: 10 }, ...above];
    case 'pseudonym':
      return [{ kind: 'hash' }, { kind: 'null' }];
    case 'hash':
      return [{ kind: 'null' }];
    case 'null':
      return [{ kind: 'null' }];
    default:
      return [{ kind: 'keep', first: 0, last: 0 }, ...generalisations, ...above];
  }
}

describe('the ranking is a total preorder consistent with the issue list', () => {
  it('reflexive: every spec is at least itself', () => {
    fc.assert(
      fc.property(anySpec, (a) => {
        expect(atLeast(a, a)).toBe(true);
        expect(compareMasks(a, a)).toBe(0);
      }),
    );
  });

  it('antisymmetric in sign and total', () => {
    fc.assert(
      fc.property(anySpec, anySpec, (a, b) => {
        expect(compareMasks(a, b)).toBe(-compareMasks(b, a) || 0);
        expect(atLeast(a, b) || atLeast(b, a)).toBe(true);
      }),
    );
  });

  it('transitive', () => {
    fc.assert(
      fc.property(anySpec, anySpec, anySpec, (a, b, c) => {
        if (atLeast(a, b) && atLeast(b, c)) expect(atLeast(a, c)).toBe(true);
        if (compareMasks(a, b) > 0 && atLeast(b, c)) expect(compareMasks(a, c)).toBe(1);
      }),
      { numRuns: 5000 },
    );
  });

  it('tiers decide first: clear < partial < generalisation < pseudonym < hash < null', () => {
    fc.assert(
      fc.property(anySpec, anySpec, (a, b) => {
        const [ra, rb] = [maskStrength(a).rank, maskStrength(b).rank];
        if (ra !== rb) expect(compareMasks(a, b)).toBe(Math.sign(ra - rb));
      }),
    );
  });

  it('strengthening never weakens', () => {
    fc.assert(
      fc.property(
        anySpec.chain((spec) => fc.tuple(fc.constant(spec), fc.constantFrom(...strongerCandidates(spec)))),
        anySpec,
        ([spec, stronger], other) => {
          expect(atLeast(stronger, spec)).toBe(true);
          // Whatever was at most `spec` stays at most the strengthened spec.
          if (atLeast(spec, other)) expect(atLeast(stronger, other)).toBe(true);
          const both = strongerMask(spec, other);
          expect(atLeast(both, spec) && atLeast(both, other)).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
