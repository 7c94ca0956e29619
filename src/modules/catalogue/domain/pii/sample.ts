// Turns a column's raw cells into the values worth classifying. Registers fill gaps with placeholders rather
// than leaving them empty; counting those as values would make every sparse column look like "not PII".
import { normaliseText } from '../../../../kernel/index.js';
import type { CellValue } from './types.js';

const PLACEHOLDERS = new Set([
  '-',
  '--',
  '—',
  '/',
  '\\',
  '.',
  '无',
  '暂无',
  '空',
  '不详',
  '未知',
  '未填',
  'null',
  'none',
  'nil',
  'n/a',
  'na',
  '#n/a',
]);

/** True when a normalised cell says "no value" (blank or a common placeholder such as 无, -, N/A). */
export function isPlaceholder(value: string): boolean {
  return value === '' || PLACEHOLDERS.has(value.toLowerCase());
}

/** The first `max` non-blank cells, normalised (full-width ASCII to half-width, trimmed). */
export function sampleValues(values: readonly CellValue[], max: number): string[] {
  const out: string[] = [];
  for (const raw of values) {
    if (out.length >= max) break;
    if (typeof raw !== 'string') continue;
    const v = normaliseText(raw);
    if (!isPlaceholder(v)) out.push(v);
  }
  return out;
}
