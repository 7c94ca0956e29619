// RFC 8785 (JSON Canonicalization Scheme) for plain JSON, as the ledger's leaves use it: object keys sorted by
// UTF-16 code units, no whitespace, strings and numbers serialised the way ECMAScript's JSON.stringify does
// (which is exactly what JCS prescribes). A receipt's leaf goes through JSON.parse first, so the input holds
// only null, booleans, numbers, strings, arrays and plain objects.

/** Sorts strings by UTF-16 code units (not by locale, not by code points). */
function byCodeUnits(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** The JCS form of a JSON value; throws a TypeError for values JSON cannot carry (NaN, ∞, functions, …). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('JCS: numbers must be finite');
    return JSON.stringify(value); // ECMAScript Number.prototype.toString; -0 becomes 0
  }
  if (Array.isArray(value)) {
    return `[${value.map((v: unknown) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort(byCodeUnits);
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  throw new TypeError(`JCS: cannot serialise a ${typeof value}`);
}
