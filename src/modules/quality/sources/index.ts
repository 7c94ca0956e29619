// The door of the record sources: readers for uploaded files (CSV, JSON, NDJSON, XLSX) and for remote
// pulls (PostgreSQL, HTTP JSON), the connection guard they share, and their errors. See docs/sources.md.

export type { RecordSource, RecordsOptions, SourceRecord } from './types.js';
export { SourceError, SourceRefused, isSourceError, type SourceErrorCode } from './errors.js';
export { LIMITS } from './columns.js';
export { csvFileSource, type CsvFileOptions } from './csv.js';
export { jsonArrayFileSource, ndjsonFileSource, COLUMN_WINDOW } from './json.js';
export { xlsxFileSource, type XlsxFileOptions } from './xlsx.js';
export {
  pgSource,
  buildPgQuery,
  type PgConnection,
  type PgQuerySpec,
  type PgSourceOptions,
} from './pg-source.js';
export {
  httpJsonSource,
  type HttpJsonSpec,
  type HttpPagination,
  type HttpSourceOptions,
} from './http-source.js';
export { createConnectionGuard, type ConnectionGuard, type GuardOptions, type PgTarget } from './guard.js';
export type { EncodingOption, TextEncoding } from './text-decoding.js';
