// Guessing an item's data type and length from sample values, and an identifier from its header. Values
// decide the type only when every non-blank value agrees; anything mixed stays a string, which never loses data.
import type { PiiKind } from '../masking/index.js';

/** The types a sample can show. */
export type SampleType = 'string' | 'number' | 'date' | 'datetime' | 'boolean';

const NUMBER = /^[+-]?(?:\d+|\d*\.\d+)$/;
const DATE = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{4}年\d{1,2}月\d{1,2}日$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const BOOLEAN = /^(?:true|false|是|否|yes|no)$/i;

/** The narrowest type all non-blank values fit, and the longest value in characters. */
export function inferType(values: readonly string[]): { dataType: SampleType; length: number | null } {
  const present = values.map((v) => v.trim()).filter((v) => v !== '');
  const longest = present.reduce((m, v) => Math.max(m, [...v].length), 0);
  if (present.length === 0) return { dataType: 'string', length: null };
  // Leading zeros (codes, phone numbers) and long digit runs (ID numbers) are identifiers, not quantities.
  if (present.every((v) => NUMBER.test(v) && !/^[+-]?0\d/.test(v) && v.replace(/\D/g, '').length <= 15))
    return { dataType: 'number', length: null };
  if (present.every((v) => DATE.test(v))) return { dataType: 'date', length: null };
  if (present.every((v) => DATETIME.test(v))) return { dataType: 'datetime', length: null };
  if (present.every((v) => BOOLEAN.test(v))) return { dataType: 'boolean', length: null };
  return { dataType: 'string', length: roundUp(longest) };
}

function roundUp(n: number): number {
  for (const step of [1, 2, 4, 8, 10, 16, 18, 20, 32, 50, 64, 100, 128, 200, 255, 500, 1000, 2000, 4000])
    if (n <= step) return step;
  return n;
}

const KIND_NAMES: Record<PiiKind, string> = {
  name: 'name',
  idNumber: 'id_number',
  mobile: 'mobile',
  landline: 'phone',
  address: 'address',
  email: 'email',
  bankCard: 'bank_card',
  plate: 'plate_number',
  birthDate: 'birth_date',
  uscc: 'uscc',
  other: 'field',
};

/** An item identifier for a header: the header itself when it is one, else one from the PII kind, else col_N. */
export function itemNameFor(header: string, index: number, kind: PiiKind | null, taken: Set<string>): string {
  const ascii = header
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  let base = /^[a-z]/.test(ascii) ? ascii.slice(0, 60) : kind ? KIND_NAMES[kind] : `col_${index + 1}`;
  if (!base) base = `col_${index + 1}`;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  taken.add(name);
  return name;
}
