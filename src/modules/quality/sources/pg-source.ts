import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import pg from 'pg';
import { cellText, emptyValues, skipCount, uniqueColumns } from './columns.js';
import { SourceError } from './errors.js';
import type { ConnectionGuard } from './guard.js';
import type { RecordSource, RecordsOptions, SourceRecord } from './types.js';

// A pull from a department's PostgreSQL database. Memory stays bounded by a server-side cursor (DECLARE …
// CURSOR in a transaction, FETCH in batches; pg-cursor is not a dependency and is not needed for this).
// Defence in depth around the registered query: the transaction is READ ONLY, the statement goes through the
// extended protocol (one statement only, no `; DROP …`), and DECLARE accepts only SELECT/VALUES. Every value
// comes back as PostgreSQL's own text output (no type parsing: bigint, numeric and dates keep their exact
// text); the session uses TimeZone UTC and DateStyle ISO so the text does not depend on the server defaults.
// Incremental pulls order by the watermark column and then by the whole row's text, a total order: `skip`
// (resume after a crash) is then exact for a re-run with the same `after`. A full pull is exactly resumable
// only if the registered query has its own ORDER BY on a unique key.

/** Where the source database is. */
export interface PgConnection {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  /** true: TLS with certificate verification against `host`; or node:tls options */
  ssl?: boolean | ConnectionOptions;
}

/** What to read: the registered SELECT, optionally pulled incrementally by a monotonic column. */
export interface PgQuerySpec {
  query: string;
  incremental?: { column: string; after?: string };
}

/** Tuning; the defaults suit most sources. */
export interface PgSourceOptions {
  batchSize?: number;
  statementTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** the source server ends our transaction if we stop reading for this long (protects its vacuum) */
  idleInTransactionTimeoutMs?: number;
}

const CURSOR = 'orderly_src';
// every column as the server's text output
const TEXT_TYPES = { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig;

/** Quotes an identifier after checking it is a plain column name (letters, digits, _ and $). */
export function quoteIdentifier(name: string): string {
  if (!/^[\p{L}_][\p{L}\p{N}_$]*$/u.test(name) || Buffer.byteLength(name) > 63)
    throw new SourceError('FORMAT', `invalid watermark column name ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/** The SQL actually run for a query spec (exported for tests and for the job summary). */
export function buildPgQuery(q: PgQuerySpec): { text: string; values: string[] } {
  const base = q.query.replace(/[\s;]+$/, '').trim();
  if (base === '') throw new SourceError('FORMAT', 'the source query is empty');
  if (!q.incremental) return { text: base, values: [] };
  const col = quoteIdentifier(q.incremental.column);
  // line breaks so a trailing -- comment in the registered query cannot swallow the closing parenthesis
  const from = `SELECT * FROM (\n${base}\n) src`;
  const order = `ORDER BY ${col}, ROW(src.*)::text`;
  if (q.incremental.after === undefined)
    return { text: `${from} WHERE ${col} IS NOT NULL ${order}`, values: [] };
  return { text: `${from} WHERE ${col} > $1 ${order}`, values: [q.incremental.after] };
}

function positiveInt(v: number | undefined, dflt: number, max: number, what: string): number {
  const n = v ?? dflt;
  if (!Number.isSafeInteger(n) || n < 1 || n > max)
    throw new RangeError(`${what} must be an integer 1…${max}`);
  return n;
}

function remote(e: unknown): Error {
  if (e instanceof SourceError || (e instanceof Error && e.name === 'AbortError')) return e;
  const msg = e instanceof Error ? e.message : String(e);
  const code = e instanceof Error && 'code' in e && typeof e.code === 'string' ? ` [${e.code}]` : '';
  return new SourceError('REMOTE', `PostgreSQL source: ${msg}${code}`);
}

/** A SELECT on a department's PostgreSQL database as a record source, read through a server-side cursor. */
export function pgSource(
  conn: PgConnection,
  q: PgQuerySpec,
  guard: ConnectionGuard,
  opts: PgSourceOptions = {},
): RecordSource {
  const sql = buildPgQuery(q);
  const batch = positiveInt(opts.batchSize, 1000, 100_000, 'batchSize');
  const statementMs = positiveInt(opts.statementTimeoutMs, 60_000, 86_400_000, 'statementTimeoutMs');
  const connectMs = positiveInt(opts.connectTimeoutMs, 10_000, 600_000, 'connectTimeoutMs');
  const idleMs = positiveInt(
    opts.idleInTransactionTimeoutMs,
    600_000,
    86_400_000,
    'idleInTransactionTimeoutMs',
  );
  const watermarkColumn = q.incremental?.column;
  let columns: Promise<string[]> | undefined;
  let pulled = 0;

  async function open(): Promise<pg.Client> {
    const target = await guard.checkPg(conn);
    const ssl =
      conn.ssl === undefined || conn.ssl === false
        ? false
        : { ...(conn.ssl === true ? {} : conn.ssl), ...(isIP(conn.host) === 0 && { servername: conn.host }) };
    const client = new pg.Client({
      host: target.address, // the checked address, not the name: DNS cannot change in between
      port: conn.port,
      database: conn.database,
      user: conn.user,
      ...(conn.password !== undefined && { password: conn.password }),
      ssl,
      connectionTimeoutMillis: connectMs,
      query_timeout: statementMs + 5_000,
      application_name: 'orderly-ingest',
      types: TEXT_TYPES,
    });
    client.on('error', () => undefined); // a dropped connection surfaces as the next query's error
    try {
      await client.connect();
      await client.query(
        `BEGIN; SET TRANSACTION READ ONLY; SET LOCAL statement_timeout = ${statementMs}; ` +
          `SET LOCAL idle_in_transaction_session_timeout = ${idleMs}; SET LOCAL TimeZone = 'UTC'; ` +
          `SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL IntervalStyle = 'iso_8601'`,
      );
      const declare: pg.QueryConfig<string[]> & { queryMode: 'extended' } = {
        text: `DECLARE ${CURSOR} NO SCROLL CURSOR FOR\n${sql.text}`,
        values: sql.values,
        queryMode: 'extended',
      };
      await client.query(declare);
      return client;
    } catch (e) {
      await client.end().catch(() => undefined);
      throw remote(e);
    }
  }

  async function fetch(client: pg.Client, n: number): Promise<pg.QueryArrayResult<(string | null)[]>> {
    try {
      return await client.query<(string | null)[]>({ text: `FETCH ${n} FROM ${CURSOR}`, rowMode: 'array' });
    } catch (e) {
      throw remote(e);
    }
  }

  const getColumns = (): Promise<string[]> =>
    (columns ??= (async () => {
      const client = await open();
      try {
        return uniqueColumns((await fetch(client, 0)).fields.map((f) => f.name));
      } finally {
        await client.end().catch(() => undefined);
      }
    })().catch((e: unknown) => {
      columns = undefined; // a remote failure may be transient: let the next call try again
      throw e;
    }));

  async function* records(o: RecordsOptions): AsyncGenerator<SourceRecord> {
    const skip = skipCount(o.skip);
    const client = await open();
    try {
      if (skip > 0)
        await client.query(`MOVE FORWARD ${skip} IN ${CURSOR}`).catch((e: unknown) => {
          throw remote(e);
        });
      let rowNo = skip;
      for (;;) {
        o.signal?.throwIfAborted();
        const res = await fetch(client, batch);
        const names = uniqueColumns(res.fields.map((f) => f.name));
        const wm =
          watermarkColumn === undefined ? -1 : res.fields.findIndex((f) => f.name === watermarkColumn);
        if (res.rows.length === 0) break;
        for (const row of res.rows) {
          o.signal?.throwIfAborted();
          rowNo++;
          const values = emptyValues();
          names.forEach((name, i) => (values[name] = cellText(row[i])));
          const watermark = wm >= 0 ? row[wm] : null;
          pulled = rowNo;
          yield watermark === null || watermark === undefined
            ? { rowNo, values }
            : { rowNo, values, watermark };
        }
      }
      await client.query('COMMIT').catch(() => undefined);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  return {
    columns: async () => [...(await getColumns())],
    records: (o?: RecordsOptions) => records(o ?? {}),
    describe: () => ({
      kind: 'postgresql',
      host: conn.host,
      port: conn.port,
      database: conn.database,
      mode: q.incremental ? 'incremental' : 'full',
      ...(watermarkColumn !== undefined && { watermarkColumn }),
      ...(q.incremental?.after !== undefined && { after: q.incremental.after }),
      batchSize: batch,
      recordsPulled: pulled,
    }),
  };
}
