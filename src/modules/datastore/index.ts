// The data store's public door.
export {
  DatastoreService,
  type BatchResult,
  type RowInput,
  type ScannedRow,
  type StoredRow,
} from './datastore.service.js';
export { DataKeys } from './data-keys.js';
export { datastoreMigrations } from './migrations/index.js';
export type { CellKeys, CellValue } from './cell-codec.js';
export {
  cellKeysData,
  cellKeysFrom,
  isSealedColumn,
  openStoredPage,
  sealedBuffers,
  type CellKeysData,
  type SealedColumn,
  type StoredPage,
  type ValueColumn,
} from './stored-page.js';
export { isEncrypted, type ColumnSpec, type Layout } from './domain/layout.js';
export { datastoreRoutes } from './datastore.routes.js';
export {
  FILTER_LIMITS,
  FilterForbidden,
  FilterInvalid,
  combineAnd,
  evaluate,
  filterItemsOf,
  filterJsonSchema,
  filterToJson,
  parseFilter,
  type Filter,
  type FilterItem,
  type FilterJson,
  type ParseFilterOptions,
} from './domain/filter/index.js';
export { MAX_SORT, QUERY_MAX_LIMIT, type QueryOptions, type SortKey } from './query.js';
