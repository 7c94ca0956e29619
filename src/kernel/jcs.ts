// RFC 8785 JSON Canonicalization Scheme. ECMAScript's own JSON serialisation of strings and numbers is what
// JCS prescribes, so only key order (UTF-16 code units, which is JS's default sort) and the refusal of
// non-JSON values need code.

/** The JCS canonical form of a JSON value; throws on values JSON cannot carry. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('JCS: numbers must be finite');
    return JSON.stringify(value);
  }
  if (Array.isArray(value))
    return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  if (typeof value === 'object') {
    const o = value as Record<string, unknown> & { toJSON?: () => unknown };
    if (typeof o.toJSON === 'function') return canonicalJson(o.toJSON());
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  throw new TypeError(`JCS: cannot serialise a ${typeof value}`);
}
