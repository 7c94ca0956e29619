// Property tests (fast-check): normalisation is idempotent, nothing throws on arbitrary input, results are
// consistent (rejected iff a reject issue), and a personal value never leaves in the clear.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../../kernel/index.js';
import type { Item } from '../../../catalogue/index.js';
import { generateRules } from './generate.js';
import { normaliseValue } from './normalise.js';
import { parseCell } from './parse.js';
import { compileSafeRegex, REGEX_MAX_INPUT, regexProblem } from './regex-guard.js';
import type { Rule } from './rules.js';
import { personItems, testItem } from './test-items.js';
import { compileValidator } from './validator.js';

const today = '2025-06-01';

// Characters that exercise the normalisers: ASCII, full-width ASCII, ideographic space, CJK, date words,
// separators, and a character outside the BMP.
const interesting = fc.constantFrom(
  ...'0123456789xX+-,./: T Z年月日是否１２３ｘＸ，．－　张三（）@abcAB\t\n𠀀'.split(''),
  '𠀀',
);
const cellText = fc.oneof(
  fc.string({ unit: interesting, maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ maxLength: 30 }),
  fc
    .tuple(
      fc.integer({ min: 1, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
    )
    .chain(([y, m, d]) =>
      fc.constantFrom(
        `${y}-${m}-${d}`,
        `${y}年${m}月${d}日`,
        `${y}/${m}/${d} 8:00`,
        `${y}-${m}-${d}T23:59:59+14:00`,
      ),
    ),
);

const allItems: Item[] = [
  ...personItems(),
  ...(['number', 'date', 'datetime', 'timestamp', 'boolean', 'binary'] as const).map((dataType) =>
    testItem(`t_${dataType}`, {
      dataType,
      length: dataType === 'number' ? 6 : null,
      scale: dataType === 'number' ? 2 : null,
    }),
  ),
  ...(['uscc', 'email', 'landline', 'address', 'other', 'bankCard', 'plate'] as const).map((piiKind) =>
    testItem(`p_${piiKind}`, { piiKind, length: 20 }),
  ),
  testItem('mm', { secret: true }),
];

const stewardRules: Rule[] = [
  {
    id: 's1',
    items: ['t_number'],
    spec: { kind: 'range', min: -100, max: 100 },
    severity: 'warn',
    origin: 'steward',
  },
  {
    id: 's2',
    items: ['xm'],
    spec: { kind: 'regex', pattern: '[\\u4e00-\\u9fa5]{2,4}' },
    severity: 'warn',
    origin: 'steward',
  },
  { id: 's3', items: ['hjd'], spec: { kind: 'region' }, severity: 'reject', origin: 'steward' },
  { id: 's4', items: ['p_email'], spec: { kind: 'email' }, severity: 'reject', origin: 'steward' },
  {
    id: 's5',
    items: ['t_datetime'],
    spec: { kind: 'datetime', min: '2000-01-01' },
    severity: 'warn',
    origin: 'steward',
  },
  {
    id: 's6',
    items: ['p_other'],
    spec: { kind: 'codeList', values: ['a'] },
    severity: 'warn',
    origin: 'steward',
  },
];

const row = fc.dictionary(
  fc.constantFrom(...allItems.map((i) => i.name), 'unknown', 'constructor', '__proto__'),
  fc.option(cellText, { nil: undefined }),
);

describe('properties', () => {
  it('normaliseValue is idempotent for every item kind', () => {
    fc.assert(
      fc.property(cellText, fc.constantFrom(...allItems), (raw, item) => {
        const once = normaliseValue(raw, item);
        expect(normaliseValue(once, item)).toBe(once);
      }),
      { numRuns: 3000 },
    );
  });

  it('parseCell never throws and reports only the type rule', () => {
    fc.assert(
      fc.property(cellText, fc.constantFrom(...allItems), (raw, item) => {
        const r = parseCell(normaliseValue(raw, item), item);
        if (!r.ok) expect(r.rule).toBe('type');
      }),
      { numRuns: 2000 },
    );
  });

  it('validate never throws; rejected iff a reject issue, flagged iff a warn issue', () => {
    const v = compileValidator(allItems, [...generateRules(allItems), ...stewardRules], { today });
    let rowNo = 0;
    fc.assert(
      fc.property(row, (raw) => {
        const r = v.validate(raw, ++rowNo);
        expect(r.rejected).toBe(r.issues.some((i) => i.severity === 'reject'));
        expect(r.flagged).toBe(r.issues.some((i) => i.severity === 'warn'));
        if (r.rejected)
          expect(r.issues.filter((i) => i.severity === 'reject').length).toBeGreaterThanOrEqual(1);
        expect(Object.keys(r.values).sort()).toEqual(allItems.map((i) => i.name).sort());
        for (const i of r.issues) {
          expect(i.rowNo).toBe(rowNo);
          expect(i.message.length).toBeGreaterThan(0);
          expect(i.value === null || [...i.value].length <= 200).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('an ID number never appears in an issue, whatever else is wrong with the row', () => {
    const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 17, maxLength: 17 });
    const id = fc.oneof(
      digits.map((d) => `${d}${'0123456789X'.charAt(Number(d.charAt(3)))}`), // mostly a wrong check char
      fc
        .tuple(fc.constantFrom('110105', '330106', '339999', '990000'), fc.integer({ min: 0, max: 999 }))
        .map(([r, s]) => makeIdNumber(r, '1990-02-03', s)),
      fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 15, maxLength: 15 }),
    );
    const items = personItems();
    fc.assert(
      fc.property(id, row, (sfzh, raw) => {
        const v = compileValidator(items, generateRules(items), { today });
        v.validate({ ...raw, sfzh }, 1); // claim the key, so the second row also reports a duplicate
        const r = v.validate({ ...raw, sfzh }, 2);
        const text = JSON.stringify(r.issues);
        expect(text).not.toContain(sfzh);
        const normalised = normaliseValue(sfzh, items[0] ?? testItem('x'));
        if (normalised !== null) expect(text).not.toContain(normalised);
      }),
      { numRuns: 500 },
    );
  });

  it('the regex screen never throws, and what it accepts compiles', () => {
    const regexText = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: fc.constantFrom(...'()[]{}|*+?\\^$.,:=!<>ab0123456789-'.split('')), maxLength: 30 }),
    );
    fc.assert(
      fc.property(regexText, (p) => {
        const problem = regexProblem(p);
        if (problem !== undefined) return;
        try {
          compileSafeRegex(p);
        } catch (e) {
          expect(e).toBeInstanceOf(RangeError);
          expect((e as Error).message).toMatch(/not a valid regular expression/);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('patterns the screen accepts stay fast on adversarial inputs of the capped length', () => {
    const piece = fc.constantFrom(
      ...[
        '(',
        ')',
        '(?:',
        '|',
        '*',
        '+',
        '?',
        '{2,5}',
        '{0,}',
        '{0,40}',
        'a',
        'b',
        '\\d',
        '\\w',
        '.',
        '[ab]',
      ],
      ...['(?=a)', '(?<=a)', '[^b]', '\\', '[', ']', '^', '$'],
    );
    const inputs = ['a', 'ab', '1'].map((u) => u.repeat(REGEX_MAX_INPUT).slice(0, REGEX_MAX_INPUT - 1) + '!');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), (parts) => {
        const p = parts.join('');
        if (regexProblem(p) !== undefined) return;
        let re: RegExp;
        try {
          re = compileSafeRegex(p);
        } catch {
          return;
        }
        for (const input of inputs) {
          const t0 = performance.now();
          re.test(input);
          expect(performance.now() - t0, p).toBeLessThan(1000);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
