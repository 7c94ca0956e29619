import { z } from 'zod';
import { authorize, fieldError, parseInput, type RequestContext } from '../../kernel/index.js';
import { detectColumn } from './domain/pii/index.js';
import { CsvError, inferType, itemNameFor, parseCsv } from './domain/sample/index.js';

// Suggestions for a new resource from a sample: per column an item name, a type, and — from the values, not
// the header alone — a PII kind with level, mask and confidence. Nothing is stored; the steward accepts or
// edits the suggestions in the editor, and the sample never leaves this request.

/** Most characters of sample text accepted (the first rows are enough to judge a column). */
export const MAX_SAMPLE_CHARS = 1_000_000;
/** Data rows looked at. */
export const SAMPLE_ROWS = 200;

export const detectSchema = z.strictObject({
  csv: z
    .string()
    .min(1, 'send the sample text')
    .max(MAX_SAMPLE_CHARS, `must be at most ${MAX_SAMPLE_CHARS} characters`),
});

// A detected kind decides the type: a date of birth stays a date even when written 19900101, and codes or
// numbers made of digits (phones, ID and card numbers) are strings, never quantities.
function typed(kind: string | undefined, dataType: string, length: number | null, values: string[]) {
  if (kind === 'birthDate') return { dataType: 'date', length: null };
  if (kind && kind !== 'other' && dataType !== 'string') {
    const longest = values.reduce((m, v) => Math.max(m, [...v.trim()].length), 0);
    return { dataType: 'string', length: longest || null };
  }
  return { dataType, length };
}

/** Suggests items for the columns of a CSV sample (stewards only). */
export function detectSample(ctx: RequestContext, input: unknown) {
  authorize(ctx, 'catalogue.edit');
  const { csv } = parseInput(detectSchema, input);
  let table;
  try {
    table = parseCsv(csv, SAMPLE_ROWS);
  } catch (e) {
    if (e instanceof CsvError) throw fieldError('csv', 'CSV_INVALID', `line ${e.line}: ${e.message}`);
    throw e;
  }
  const taken = new Set<string>();
  return {
    rows: table.rows.length,
    columns: table.header.map((header, i) => {
      const values = table.rows.map((r) => r[i] ?? '');
      const suggestion = detectColumn(header, values);
      const { dataType, length } = inferType(values);
      return {
        header,
        name: itemNameFor(header, i, suggestion?.kind ?? null, taken),
        label: header || `第${i + 1}列`,
        ...typed(suggestion?.kind, dataType, length, values),
        samples: values.filter((v) => v.trim() !== '').length,
        suggestion,
      };
    }),
  };
}
