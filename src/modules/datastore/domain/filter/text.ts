// Strings in the filter language compare by Unicode code point: what SQLite's BINARY collation and
// PostgreSQL's "C" collation do on UTF-8 (byte order is code-point order). JavaScript's `<` compares UTF-16
// code units, which puts U+10000… (surrogate pairs, 0xD800…) before U+E000…U+FFFF — so the reference
// evaluator walks code points instead.

const MAX_CODE_POINT = 0x10ffff;

/** Compares two strings by Unicode code point: negative, zero or positive. */
export function compareCodePoints(a: string, b: string): number {
  // Equal prefixes advance both strings by the same number of units, so one index serves both.
  for (let i = 0; ;) {
    if (i >= a.length) return i >= b.length ? 0 : -1;
    if (i >= b.length) return 1;
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    i += x > 0xffff ? 2 : 1;
  }
}

/** Counts a string's code points. */
export function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** True for text both engines store unchanged: no lone surrogates (UTF-8 cannot hold them), no NUL. */
export function isStorableText(s: string): boolean {
  return !s.includes('\u0000') && !/\p{Cs}/u.test(s);
}

/**
 * The least string greater than every string that starts with `prefix` (in code-point order), or null when
 * there is none (the prefix is all U+10FFFF, or empty). `s` starts with `prefix` exactly when
 * `prefix <= s < upper`: a string that differs from the prefix within its length differs at some position by
 * a larger code point, which makes it ≥ upper. The bound lets prefix filters use an ordinary index.
 */
export function prefixUpperBound(prefix: string): string | null {
  const cps = Array.from(prefix, (c) => c.codePointAt(0)!);
  while (cps.length > 0) {
    const last = cps.pop()!;
    if (last < MAX_CODE_POINT) {
      // Surrogate code points are not characters: the successor of U+D7FF is U+E000.
      const next = last === 0xd7ff ? 0xe000 : last + 1;
      return String.fromCodePoint(...cps, next);
    }
  }
  return null;
}
