import type { Kysely } from 'kysely';
import { fieldError, type AnyTx, type Engine } from '../../kernel/index.js';
import type { Filter, Scalar } from './domain/filter/index.js';
import type { Layout } from './domain/layout.js';
import { compileFilter } from './filter-sql.js';

// Filtered reads of a data table (the exchange's query path): live rows matching a parsed filter, in `_key`
// order with keyset pagination, one indexed query per page. Like the data-tables repository, table and
// column names are generated identifiers and every value is a parameter. Sorting by items is not offered:
// key order is what makes `after` cursors stable and cheap, and an item sort would need compound cursors.

/** A filtered page request. */
export interface QueryOptions {
  /** A parsed filter (combine the grant's and the request's with combineAnd). */
  filter?: Filter | null;
  /** The `_key` of the last row of the previous page. */
  after?: string;
  /** Rows per page, 1 to QUERY_MAX_LIMIT. */
  limit: number;
  /** Item NAMES to decode (a projection: encrypted items outside it are never decrypted); absent: all. */
  items?: readonly string[];
}

/** The largest page a query returns. */
export const QUERY_MAX_LIMIT = 10_000;

// Row keys are base64url digests; anything else cannot be a cursor this store handed out.
const CURSOR = /^[A-Za-z0-9_-]{1,100}$/;

type Dyn = Record<string, Record<string, unknown>>;

/** One page of stored (encoded) rows matching the filter. */
export async function queryRows(
  tx: AnyTx,
  o: QueryOptions & {
    engine: Engine;
    table: string;
    layout: Layout;
    blindIndex: (item: string, value: Scalar) => string;
  },
): Promise<Record<string, unknown>[]> {
  if (!Number.isInteger(o.limit) || o.limit < 1 || o.limit > QUERY_MAX_LIMIT)
    throw fieldError('limit', 'OUT_OF_RANGE', `limit must be 1 to ${QUERY_MAX_LIMIT}`);
  if (o.after !== undefined && !CURSOR.test(o.after))
    throw fieldError('after', 'INVALID_CURSOR', 'not a row cursor');
  let q = (tx as Kysely<Dyn>).selectFrom(o.table).selectAll().where('_deleted', '=', 0);
  if (o.after !== undefined) q = q.where('_key', '>', o.after);
  if (o.filter) q = q.where(compileFilter(o.filter, o));
  return q.orderBy('_key').limit(o.limit).execute();
}
