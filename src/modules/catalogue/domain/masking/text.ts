// Text helpers shared by the masks. Masks count Unicode code points, never UTF-16 units, so a character outside
// the Basic Multilingual Plane (𠀀, U+20000) is one character and is never split into a lone surrogate.
import { normaliseText } from '../../../../kernel/index.js';

/** The character that replaces a hidden one. */
export const MASK_CHAR = '*';

/** The code points of a string. */
export function codePoints(s: string): string[] {
  return Array.from(s);
}

/** Text form of a cell value: numbers in decimal, then normaliseText (full-width → half-width, trimmed). */
export function valueText(value: string | number): string {
  return normaliseText(typeof value === 'number' ? String(value) : value);
}

/** normaliseText, then the separators people type inside codes (spaces, hyphens, dots, brackets) removed. */
export function compactCode(s: string): string {
  return normaliseText(s).replace(/[\s\-‐‑–—·•.()]/g, '');
}

/** ASCII-only uppercasing (Unicode case mapping can change lengths). */
export function upperAscii(s: string): string {
  return s.replace(/[a-z]+/g, (m) => m.toUpperCase());
}

/**
 * How many leading and trailing characters of an n-character value to show. The pattern shows `first` and
 * `last`, but never more than n − minHidden, so a short or malformed value shows fewer characters than a
 * well-formed one and a non-empty value always hides at least one. The budget goes to the start first.
 */
export function keepCounts(n: number, first: number, last: number, minHidden: number): [number, number] {
  const budget = Math.max(0, Math.min(first + last, n - minHidden));
  const head = Math.min(first, budget);
  return [head, budget - head];
}

/** Shows the first `head` and last `tail` code points and replaces the rest with MASK_CHAR. */
export function showEnds(chars: readonly string[], head: number, tail: number): string[] {
  const n = chars.length;
  return chars.map((c, i) => (i < head || i >= n - tail ? c : MASK_CHAR));
}
