// The console's own JCS (RFC 8785) and SM3 (web/src/evidence/) agree with the platform's kernel on random JSON
// and random bytes, and with the published vectors.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson as kernelJcs, sm3 as kernelSm3 } from '../../src/kernel/index.js';
import { toHex, utf8 } from '../../web/src/evidence/bytes.js';
import { canonicalJson } from '../../web/src/evidence/jcs.js';
import { Sm3, sm3 } from '../../web/src/evidence/sm3.js';

describe('browser JCS (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units, as RFC 8785 §3.2.3 shows', () => {
    // The RFC's sorting example: "\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33".
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // (Object.keys would list the integer-like "1" first, so compare the text.)
    const order = ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'];
    const expected = `{${order.map((k) => `${JSON.stringify(k)}:${JSON.stringify(input[k as keyof typeof input])}`).join(',')}}`;
    expect(canonicalJson(input)).toBe(expected);
  });

  it('serialises numbers and strings the ECMAScript way (RFC 8785 §3.2.2 examples)', () => {
    const v = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001,-0],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    ) as unknown;
    expect(canonicalJson(v)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27,0],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('matches the kernel on random JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(canonicalJson(v)).toBe(kernelJcs(v));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ x: () => 1 })).toThrow(TypeError);
  });
});

describe('browser SM3 (GB/T 32905)', () => {
  it('gives the standard answers', () => {
    expect(toHex(sm3(utf8('abc')))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(toHex(sm3(utf8('abcd'.repeat(16))))).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
    expect(toHex(sm3(new Uint8Array(0)))).toBe(kernelSm3(new Uint8Array(0)).toString('hex'));
  });

  it('matches the kernel on random bytes, in one piece and in chunks', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        fc.array(fc.nat(400), { maxLength: 4 }),
        (bytes, cuts) => {
          const expected = kernelSm3(bytes).toString('hex');
          expect(toHex(sm3(bytes))).toBe(expected);
          const h = new Sm3();
          let at = 0;
          for (const c of [...cuts].sort((a, b) => a - b)) {
            h.update(bytes.subarray(at, Math.max(at, Math.min(c, bytes.length))));
            at = Math.max(at, Math.min(c, bytes.length));
          }
          expect(toHex(h.update(bytes.subarray(at)).digest())).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
