// The parser admits a JSON filter for one resource: shape (strict), limits, item codes, operator support and
// value types, all reported as field issues with paths like `filter.and.2.in.values.5`. It walks the input
// itself rather than handing it to a recursive schema, so an over-deep or over-wide input is refused after
// at most the limits' worth of work and can never exhaust the stack.
import type { z } from 'zod';
import { zodIssues, type FieldIssue } from '../../../../kernel/index.js';
import {
  FILTER_LIMITS,
  leafSchemas,
  type Filter,
  type FilterItem,
  type LeafBase,
  type LeafOp,
  type Scalar,
} from './ast.js';
import { FilterForbidden, FilterInvalid } from './errors.js';
import { checkText, normaliseValue } from './values.js';

/** Options of parseFilter. */
export interface ParseFilterOptions {
  /** Item NAMES the caller may filter on (granted unmasked); others make a FilterForbidden. Absent: all. */
  allowedItems?: ReadonlySet<string>;
  /** The field path of the filter in the request (default `filter`). */
  path?: string;
}

const MAX_ISSUES = 50;

// The item is resolved first, so that its issues come before those of values typed by it.
const itemOnly = leafSchemas.isNull.loose();

class Abort extends Error {}

interface Walk {
  items: Map<string, FilterItem>;
  allowed: ReadonlySet<string> | undefined;
  issues: FieldIssue[];
  forbidden: Set<string>;
  nodes: number;
  values: number;
}

function issue(w: Walk, field: string, code: string, message: string, stop = false): null {
  w.issues.push({ field, code, message });
  if (stop || w.issues.length >= MAX_ISSUES) throw new Abort();
  return null;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function isLeafOp(op: string): op is LeafOp {
  return Object.hasOwn(leafSchemas, op);
}

function node(w: Walk, input: unknown, path: string, depth: number): Filter | null {
  if (depth > FILTER_LIMITS.maxDepth)
    return issue(w, path, 'TOO_DEEP', `filters nest at most ${FILTER_LIMITS.maxDepth} levels`, true);
  if (++w.nodes > FILTER_LIMITS.maxNodes)
    return issue(w, path, 'TOO_MANY_NODES', `a filter has at most ${FILTER_LIMITS.maxNodes} operators`, true);
  if (!isPlainObject(input)) return issue(w, path, 'INVALID_TYPE', 'must be an object with one operator key');
  const keys = Object.keys(input);
  if (keys.length !== 1) return issue(w, path, 'ONE_OPERATOR', 'must have exactly one operator key');
  const op = keys[0]!;
  const body = input[op];
  const at = `${path}.${op}`;
  if (op === 'and' || op === 'or') {
    if (!Array.isArray(body)) return issue(w, at, 'INVALID_TYPE', 'must be an array of filters');
    if (body.length === 0) return issue(w, at, 'TOO_SMALL', 'must hold at least one filter');
    if (w.nodes + body.length > FILTER_LIMITS.maxNodes)
      return issue(w, at, 'TOO_MANY_NODES', `a filter has at most ${FILTER_LIMITS.maxNodes} operators`, true);
    const args = body.map((b, i) => node(w, b, `${at}.${i}`, depth + 1));
    return args.every((a) => a !== null) ? { op, args } : null;
  }
  if (op === 'not') {
    const arg = node(w, body, at, depth + 1);
    return arg && { op, arg };
  }
  if (isLeafOp(op)) return leaf(w, op, body, at);
  return issue(
    w,
    path,
    'UNKNOWN_OPERATOR',
    'unknown operator (eq, ne, in, range, prefix, isNull, and, or, not)',
  );
}

function count(w: Walk, path: string, n: number): void {
  w.values += n;
  if (w.values > FILTER_LIMITS.maxValues)
    issue(w, path, 'TOO_MANY_VALUES', `a filter holds at most ${FILTER_LIMITS.maxValues} values`, true);
}

function value(w: Walk, item: FilterItem, path: string, v: Scalar): Scalar | null {
  const r = normaliseValue(item, v);
  return r.ok ? r.value : issue(w, path, r.code, r.message);
}

function shape<S extends z.ZodType>(w: Walk, schema: S, body: unknown, at: string): z.output<S> | null {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  for (const i of zodIssues(parsed.error, at)) issue(w, i.field, i.code, i.message);
  return null;
}

function leaf(w: Walk, op: LeafOp, body: unknown, at: string): Filter | null {
  // Refuse a huge list before zod walks every element of it.
  if (op === 'in' && isPlainObject(body) && Array.isArray(body.values))
    if (body.values.length > FILTER_LIMITS.maxInValues)
      return issue(
        w,
        `${at}.values`,
        'TOO_BIG',
        `an in list has at most ${FILTER_LIMITS.maxInValues} values`,
      );
  const ref = shape(w, itemOnly, body, at);
  if (!ref) return null;
  const item = w.items.get(ref.item);
  if (!item) return issue(w, `${at}.item`, 'UNKNOWN_ITEM', 'no item of the resource has this code');
  if (w.allowed && !w.allowed.has(item.name)) w.forbidden.add(item.code);
  const base: LeafBase = {
    item: item.name,
    code: item.code,
    dataType: item.dataType,
    encrypted: item.encrypted,
  };
  if (op !== 'isNull' && item.dataType === 'binary')
    return issue(w, `${at}.item`, 'UNSUPPORTED', 'binary items can only be tested with isNull');
  if ((op === 'range' || op === 'prefix') && item.encrypted)
    return issue(w, `${at}.item`, 'ENCRYPTED', `${op} is not possible on an encrypted item (equality only)`);
  switch (op) {
    case 'isNull':
      return shape(w, leafSchemas.isNull, body, at) && { ...base, op };
    case 'eq':
    case 'ne': {
      const d = shape(w, leafSchemas[op], body, at);
      if (!d) return null;
      count(w, at, 1);
      const v = value(w, item, `${at}.value`, d.value);
      return v === null ? null : { ...base, op, value: v };
    }
    case 'in': {
      const d = shape(w, leafSchemas.in, body, at);
      if (!d) return null;
      count(w, `${at}.values`, d.values.length);
      const vs = d.values.map((v, i) => value(w, item, `${at}.values.${i}`, v));
      return vs.every((v) => v !== null) ? { ...base, op, values: vs } : null;
    }
    case 'prefix': {
      const d = shape(w, leafSchemas.prefix, body, at);
      if (!d) return null;
      if (item.dataType === 'number' || item.dataType === 'boolean')
        return issue(w, `${at}.item`, 'UNSUPPORTED', 'prefix applies to text, date and date-time items');
      count(w, at, 1);
      const r = checkText(d.value);
      return r.ok ? { ...base, op, value: d.value } : issue(w, `${at}.value`, r.code, r.message);
    }
    case 'range': {
      const d = shape(w, leafSchemas.range, body, at);
      if (!d) return null;
      if (item.dataType === 'boolean')
        return issue(w, `${at}.item`, 'UNSUPPORTED', 'range does not apply to boolean items');
      count(w, at, (d.from === undefined ? 0 : 1) + (d.to === undefined ? 0 : 1));
      const from = d.from === undefined ? undefined : value(w, item, `${at}.from`, d.from);
      const to = d.to === undefined ? undefined : value(w, item, `${at}.to`, d.to);
      if (from === null || to === null) return null;
      return {
        ...base,
        op,
        from: from ?? null,
        to: to ?? null,
        exclusiveFrom: d.exclusiveFrom,
        exclusiveTo: d.exclusiveTo,
      };
    }
  }
}

/**
 * Admits a JSON filter against a resource's items (named by code): throws FilterInvalid (400) with field
 * issues, or FilterForbidden (403) when it names items outside `allowedItems`.
 */
export function parseFilter(
  input: unknown,
  items: readonly FilterItem[],
  opts: ParseFilterOptions = {},
): Filter {
  const w: Walk = {
    items: new Map(items.map((i) => [i.code, i])),
    allowed: opts.allowedItems,
    issues: [],
    forbidden: new Set(),
    nodes: 0,
    values: 0,
  };
  let filter: Filter | null = null;
  try {
    filter = node(w, input, opts.path ?? 'filter', 1);
  } catch (e) {
    if (!(e instanceof Abort)) throw e;
  }
  if (w.issues.length > 0 || !filter) throw new FilterInvalid(w.issues);
  if (w.forbidden.size > 0) throw new FilterForbidden([...w.forbidden].sort());
  return filter;
}
