import { describe, expect, it } from 'vitest';
import { auditDetailsText } from './audit.js';
import { canonicalJson } from './jcs.js';

// An event's details are stored in RFC 8785 form, exactly what a leaf carries: the canonical form of their JSON
// round trip, whichever way auditDetailsText gets there.

const roundTrip = (d: unknown) => canonicalJson(JSON.parse(JSON.stringify(d)));

describe('auditDetailsText', () => {
  it('stores the canonical form of the details’ JSON', () => {
    const cases: Record<string, unknown>[] = [
      {},
      { z: 'last', a: 1, m: null, b: true },
      { big: 1e21, small: 1e-7, neg: -0, f: 0.1 + 0.2, i: 2 ** 53 },
      { é: '中文', '😀': 'astral key', '\u0001': 'control \n key' },
      // Not plain: a Date (its toJSON), undefined (dropped), NaN (null), nested values.
      { at: new Date(Date.UTC(2026, 10, 30)), gone: undefined, nan: Number.NaN },
      { nested: { b: 1, a: [2, 'x'] } },
    ];
    for (const d of cases) {
      const text = auditDetailsText(d as Record<string, string>);
      expect(text).toBe(roundTrip(d));
      expect(canonicalJson(JSON.parse(text))).toBe(text);
    }
    expect(auditDetailsText(undefined)).toBe('{}');
    expect(auditDetailsText({ b: 2, a: 1 })).toBe('{"a":1,"b":2}');
  });

  it('takes an object’s own toJSON', () => {
    const d = { a: 1, toJSON: () => ({ replaced: true }) };
    expect(auditDetailsText(d as unknown as Record<string, number>)).toBe('{"replaced":true}');
  });
});
