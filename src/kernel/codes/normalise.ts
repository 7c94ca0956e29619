// Input arrives from forms, spreadsheets and other departments' systems, where IME full-width characters and
// stray spaces are common; normalising first keeps those from being reported as bad check characters.

const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/g;

/** Trims and maps full-width ASCII (U+FF01..U+FF5E) to half-width and the ideographic space to a space. */
export function normaliseText(s: string): string {
  // Callers may pass through untyped JSON/CSV values; a non-string is treated as empty rather than throwing.
  if (typeof s !== 'string') return '';
  return s
    .replace(FULL_WIDTH, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
    .trim();
}

/** normaliseText plus ASCII-only uppercasing (Unicode case mapping can change lengths, e.g. ß → SS). */
export function normaliseCode(s: string): string {
  return normaliseText(s).replace(/[a-z]+/g, (m) => m.toUpperCase());
}
