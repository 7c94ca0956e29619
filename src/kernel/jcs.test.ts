import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from './jcs.js';

// The implementation as first written (filter, sort, map, join): canonicalJson is now written with loops for
// speed and must give byte for byte what this gave, including for values JSON does not have (undefined members,
// holes, toJSON).
function reference(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('JCS: numbers must be finite');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => reference(v === undefined ? null : v)).join(',')}]`;
  if (typeof value === 'object') {
    const o = value as Record<string, unknown> & { toJSON?: () => unknown };
    if (typeof o.toJSON === 'function') return reference(o.toJSON());
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(o[k])}`).join(',')}}`;
  }
  throw new TypeError(`JCS: cannot serialise a ${typeof value}`);
}

describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units and serialises numbers the ECMAScript way', () => {
    // Examples from RFC 8785 §3.2.2 and §3.2.3.
    expect(
      canonicalJson({ numbers: [333333333.3333333, 1e30, 4.5, 2e-3, 0.000000000000000000000000001] }),
    ).toBe('{"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27]}');
    expect(
      canonicalJson({
        '\u20ac': 'Euro Sign',
        '\r': 'Carriage Return',
        '\ufb33': 'Hebrew',
        '1': 'One',
        '\u{1f600}': 'Emoji',
        '\u0080': 'Control',
        '\u00f6': 'o',
      }),
    ).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"o","\u20ac":"Euro Sign","\u{1f600}":"Emoji","\ufb33":"Hebrew"}',
    );
    expect(canonicalJson({ b: [1, { d: null, c: true }], a: '段正淳' })).toBe(
      '{"a":"段正淳","b":[1,{"c":true,"d":null}]}',
    );
  });

  it('refuses non-JSON values', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson(() => 1)).toThrow();
  });

  it('is stable under key reordering and parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const s = canonicalJson(v);
        expect(canonicalJson(JSON.parse(s))).toBe(s);
      }),
    );
  });

  it('gives exactly what the reference implementation gives', () => {
    const value = fc.letrec((tie) => ({
      any: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(null, undefined, true, false, 0, -0, 1e21, 1e-7, 0.1, -12345678901234),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.string({ unit: 'binary' }),
        fc.array(tie('any'), { maxLength: 5 }),
        fc.sparseArray(tie('any'), { maxLength: 5 }),
        fc.dictionary(fc.string({ unit: 'binary', maxLength: 4 }), tie('any'), { maxKeys: 6 }),
        fc.date({ noInvalidDate: true }),
      ),
    })).any;
    fc.assert(
      fc.property(value, (v) => {
        if (v === undefined) return;
        expect(canonicalJson(v)).toBe(reference(v));
      }),
      { numRuns: 2000 },
    );
    const holey: unknown[] = [1];
    holey[2] = 3;
    for (const v of [{ '10': 1, '2': 2, b: 1, a: 2 }, holey, { a: undefined, b: [undefined] }, new Date(0)])
      expect(canonicalJson(v)).toBe(reference(v));
  });
});
