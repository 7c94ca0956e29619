// The grant filter language (pure): parse and validate, evaluate, combine. SQL compilation is filter-sql.ts.
export {
  FILTER_LIMITS,
  filterJsonSchema,
  type Filter,
  type FilterItem,
  type FilterJson,
  type FilterLeaf,
  type Scalar,
} from './ast.js';
export { combineAnd, filterToJson } from './combine.js';
export { FilterForbidden, FilterInvalid } from './errors.js';
export { evaluate, type Cell } from './evaluate.js';
export { filterItemsOf } from './items.js';
export { parseFilter, type ParseFilterOptions } from './parse.js';
export { compareCodePoints, prefixUpperBound } from './text.js';
