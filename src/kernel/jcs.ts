// RFC 8785 JSON Canonicalization Scheme. ECMAScript's own JSON serialisation of strings and numbers is what
// JCS prescribes, so only key order (UTF-16 code units, which is JS's default sort) and the refusal of
// non-JSON values need code. Written as loops over keys and elements rather than filter/map/join: full ledger
// verification canonicalises every event's details, a million times a run, and the callbacks and intermediate
// arrays were most of its cost.

/** The JCS canonical form of a JSON value; throws on values JSON cannot carry. */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('JCS: numbers must be finite');
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return canonicalArray(value);
      return canonicalObject(value as Record<string, unknown> & { toJSON?: () => unknown });
    default:
      throw new TypeError(`JCS: cannot serialise a ${typeof value}`);
  }
}

function canonicalArray(a: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < a.length; i++) {
    if (i > 0) out += ',';
    // A hole stays empty, as Array.prototype.map and join left it (the output this function has always given).
    if (!(i in a)) continue;
    const v = a[i];
    out += canonicalJson(v === undefined ? null : v);
  }
  return out + ']';
}

function canonicalObject(o: Record<string, unknown> & { toJSON?: () => unknown }): string {
  if (typeof o.toJSON === 'function') return canonicalJson(o.toJSON());
  const keys = Object.keys(o);
  // Often already in order (canonical input, or a single key): then no sort is needed.
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) {
      keys.sort();
      break;
    }
  }
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = o[k];
    if (v === undefined) continue;
    if (!first) out += ',';
    first = false;
    out += JSON.stringify(k) + ':' + canonicalJson(v);
  }
  return out + '}';
}
