import { cellText, emptyValues } from './columns.js';
import { SourceError } from './errors.js';

// Parsed JSON as the readers need it: numbers keep their source text (JSON.parse would round a 19-digit
// identifier or turn 1.50 into 1.5), objects are Maps (a key called __proto__ is data, not a prototype).

/** A JSON number kept as written. */
export class JsonNumber {
  constructor(readonly text: string) {}
}

/** A JSON object with its keys in document order. */
export type JsonObject = Map<string, JsonValue>;

/** A parsed JSON value. */
export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | JsonObject;

/** Compact JSON text of a value (numbers as written, strings re-escaped). */
export function stringifyJson(v: JsonValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof JsonNumber) return v.text;
  if (Array.isArray(v)) return `[${v.map(stringifyJson).join(',')}]`;
  const parts: string[] = [];
  for (const [k, x] of v) parts.push(`${JSON.stringify(k)}:${stringifyJson(x)}`);
  return `{${parts.join(',')}}`;
}

/** A value as a text cell: scalars as text, nested objects and arrays as their JSON text, "" and null as null. */
export function jsonCell(v: JsonValue | undefined): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return cellText(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof JsonNumber) return v.text;
  return stringifyJson(v);
}

/** The keys of the objects, in first-seen order. */
export function unionKeys(objects: Iterable<JsonObject>): string[] {
  const keys = new Set<string>();
  for (const o of objects) for (const k of o.keys()) keys.add(k);
  return [...keys];
}

/** Maps one object onto the columns; a key outside the columns with a non-empty value is an error. */
export function valuesFromObject(
  columns: readonly string[],
  obj: JsonValue,
  place: { rowNo: number; line?: number; label: string },
): Record<string, string | null> {
  if (!(obj instanceof Map)) throw new SourceError('FORMAT', `${place.label} is not a JSON object`, place);
  const values = emptyValues();
  for (const c of columns) values[c] = jsonCell(obj.get(c));
  if (obj.size > columns.length || columns.some((c) => !obj.has(c))) {
    const known = new Set(columns);
    for (const [k, v] of obj)
      if (!known.has(k) && jsonCell(v) !== null)
        throw new SourceError(
          'FORMAT',
          `${place.label} has the key ${JSON.stringify(k)}, which is not among the columns read from the start of the source`,
          place,
        );
  }
  return values;
}

/** Follows a dot path ('data.items'; '' is the value itself) through nested objects. */
export function atPath(v: JsonValue, path: string): JsonValue | undefined {
  let cur: JsonValue | undefined = v;
  for (const part of path.split('.').filter((p) => p !== '')) {
    if (!(cur instanceof Map)) return undefined;
    cur = cur.get(part);
  }
  return cur;
}
