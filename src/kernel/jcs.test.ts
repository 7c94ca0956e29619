import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from './jcs.js';

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
});
