// Combining and printing parsed filters. A grant's row filter and a request's filter meet in one AND; the
// combination is made of two admitted filters, so it is not held to the request limits again (it stays
// within twice them).
import type { Filter, FilterJson } from './ast.js';

/** Both filters (grant AND request); either may be absent. */
export function combineAnd(a: Filter | null | undefined, b: Filter | null | undefined): Filter | null {
  if (!a) return b ?? null;
  if (!b) return a;
  const args = (f: Filter) => (f.op === 'and' ? f.args : [f]);
  return { op: 'and', args: [...args(a), ...args(b)] };
}

/** The JSON form of a parsed filter (items by code): what a grant stores and parseFilter reads back. */
export function filterToJson(f: Filter): FilterJson {
  switch (f.op) {
    case 'and':
      return { and: f.args.map(filterToJson) };
    case 'or':
      return { or: f.args.map(filterToJson) };
    case 'not':
      return { not: filterToJson(f.arg) };
    case 'eq':
      return { eq: { item: f.code, value: f.value } };
    case 'ne':
      return { ne: { item: f.code, value: f.value } };
    case 'in':
      return { in: { item: f.code, values: [...f.values] } };
    case 'prefix':
      return { prefix: { item: f.code, value: f.value } };
    case 'isNull':
      return { isNull: { item: f.code } };
    case 'range':
      return {
        range: {
          item: f.code,
          ...(f.from !== null && { from: f.from }),
          ...(f.to !== null && { to: f.to }),
          ...(f.exclusiveFrom && { exclusiveFrom: true }),
          ...(f.exclusiveTo && { exclusiveTo: true }),
        },
      };
  }
}
