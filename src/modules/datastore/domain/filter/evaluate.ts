// The reference evaluator: the meaning of a filter over one row, in two-valued logic. The SQL compiler must
// select exactly the rows this accepts (the property tests hold it to that on both engines).
import type { Filter, FilterLeaf, Scalar } from './ast.js';
import { compareDecimal, decimalText } from './decimal.js';
import { compareCodePoints } from './text.js';

/** A row's value of an item, as the store decodes it. */
export type Cell = string | number | boolean | null;

// Negative, zero or positive; null when the two cannot be compared (a value of the wrong kind).
function compare(leaf: FilterLeaf, a: Scalar, b: Scalar): number | null {
  if (leaf.dataType === 'number') {
    if (typeof a === 'boolean' || typeof b === 'boolean') return null;
    const x = decimalText(a);
    const y = decimalText(b);
    return x === null || y === null ? null : compareDecimal(x, y);
  }
  if (leaf.dataType === 'boolean') return typeof a === 'boolean' && typeof b === 'boolean' ? +a - +b : null;
  // Text, dates and date-times (ISO text sorts chronologically). For encrypted items equality is by blind
  // index, i.e. of canonical text, which for these stored forms is the same as this comparison.
  return typeof a === 'string' && typeof b === 'string' ? compareCodePoints(a, b) : null;
}

function leaf(f: FilterLeaf, v: Cell | undefined): boolean {
  if (f.op === 'isNull') return v === null || v === undefined;
  // A comparison with null is false — for ne and range too — so a row never matches by lacking a value.
  if (v === null || v === undefined) return false;
  switch (f.op) {
    case 'eq':
      return compare(f, v, f.value) === 0;
    case 'ne': {
      const c = compare(f, v, f.value);
      return c !== null && c !== 0;
    }
    case 'in':
      return f.values.some((x) => compare(f, v, x) === 0);
    case 'prefix':
      // startsWith on UTF-16 units equals a code-point prefix test for well-formed strings.
      return typeof v === 'string' && v.startsWith(f.value);
    case 'range': {
      const lo = f.from === null ? 1 : compare(f, v, f.from);
      const hi = f.to === null ? -1 : compare(f, v, f.to);
      if (lo === null || hi === null) return false;
      return (f.exclusiveFrom ? lo > 0 : lo >= 0) && (f.exclusiveTo ? hi < 0 : hi <= 0);
    }
  }
}

/** Whether a row (values by item name) satisfies the filter. */
export function evaluate(f: Filter, row: Readonly<Record<string, Cell>>): boolean {
  switch (f.op) {
    case 'and':
      return f.args.every((a) => evaluate(a, row));
    case 'or':
      return f.args.some((a) => evaluate(a, row));
    case 'not':
      return !evaluate(f.arg, row);
    default:
      return leaf(f, Object.hasOwn(row, f.item) ? row[f.item] : null);
  }
}
