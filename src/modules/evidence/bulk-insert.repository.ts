import { CompiledQuery } from 'kysely';
import type { AnyTx, Engine } from '../../kernel/index.js';

// Many rows per statement, for the ledger's hot paths (the audit port's batch, the sequencer): on PostgreSQL one
// array parameter per column (one round trip whatever the row count), on SQLite multi-row VALUES (in-process, so
// only the statement count matters).

// SQLite's limit on bound parameters per statement.
const SQLITE_MAX_PARAMS = 32_766;
// Rows per statement on PostgreSQL (bounds the size of one parameter, not the round trips).
const PG_ROWS = 20_000;

/** A column of a bulk insert; `pg` is its PostgreSQL type (the array parameter's cast). */
export interface BulkColumn {
  name: string;
  pg: 'text' | 'bigint' | 'integer' | 'bytea' | 'timestamptz';
}

const valuesSql = new Map<string, string>();

/** `insert into t (c…) values (?,…),(?,…)…` for n rows (cached per shape). */
function sqliteValues(table: string, cols: readonly BulkColumn[], n: number): string {
  const key = `${table}/${cols.length}/${n}`;
  let text = valuesSql.get(key);
  if (!text) {
    const row = `(${cols.map(() => '?').join(',')})`;
    text = `insert into ${table} (${cols.map((c) => c.name).join(', ')}) values ${Array(n).fill(row).join(',')}`;
    valuesSql.set(key, text);
  }
  return text;
}

/**
 * Inserts rows (arrays in column order) with as few statements as the engine allows. With `ordered`, rows are
 * inserted in the given order, so an identity or rowid column numbers them in that order (SQLite's VALUES always
 * is; on PostgreSQL it costs a sort, so only the small queue rows ask for it).
 */
export async function bulkInsert(
  tx: AnyTx,
  engine: Engine,
  table: string,
  cols: readonly BulkColumn[],
  rows: readonly (readonly unknown[])[],
  ordered = false,
): Promise<void> {
  if (rows.length === 0) return;
  if (engine === 'postgres') {
    // Each column travels as one array parameter, zipped back into rows by ROWS FROM. Text, numbers and times go
    // as JSON arrays (cast in the select list): node-postgres builds array literals with two regular-expression
    // escapes and a concatenation per element, several times slower than JSON.stringify and the server's JSON
    // parser. Bytes go as bytea[] (hex, which needs no escaping).
    const names = cols.map((c) => c.name).join(', ');
    const fns = cols
      .map((c, i) =>
        c.pg === 'bytea' ? `unnest($${i + 1}::bytea[])` : `json_array_elements_text($${i + 1}::json)`,
      )
      .join(', ');
    const alias = cols.map((_, i) => `c${i}`).join(', ');
    const values = cols
      .map((c, i) => (c.pg === 'bytea' || c.pg === 'text' ? `c${i}` : `c${i}::${c.pg}`))
      .join(', ');
    const text = ordered
      ? `insert into ${table} (${names}) select ${values} from rows from (${fns}) with ordinality as u(${alias}, ord) order by ord`
      : `insert into ${table} (${names}) select ${values} from rows from (${fns}) as u(${alias})`;
    for (let i = 0; i < rows.length; i += PG_ROWS) {
      const chunk = rows.slice(i, i + PG_ROWS);
      const params = cols.map((c, k) => {
        const column = chunk.map((r) => r[k]);
        return c.pg === 'bytea' ? column : jsonColumn(column);
      });
      await tx.executeQuery(CompiledQuery.raw(text, params));
    }
    return;
  }
  const per = Math.max(1, Math.floor(SQLITE_MAX_PARAMS / cols.length));
  for (let i = 0; i < rows.length; i += per) {
    const n = Math.min(per, rows.length - i);
    // The parameters copied into one array by index: Array.prototype.flat() took about 3 µs an event of a
    // batched append (a tenth of it), copying through its generic path.
    const params = new Array<unknown>(n * cols.length);
    let k = 0;
    for (let r = i; r < i + n; r++) {
      const row = rows[r]!;
      for (let c = 0; c < cols.length; c++) params[k++] = row[c];
    }
    await tx.executeQuery(CompiledQuery.raw(sqliteValues(table, cols, n), params));
  }
}

/**
 * A column's values as a JSON array for PostgreSQL. JSON.stringify writes a lone surrogate as a \udXXX escape,
 * which PostgreSQL's JSON parser refuses (it would fail the whole batch); every other path to the database
 * encodes such a string as UTF-8 with U+FFFD in its place, so the batch does the same. Only a text with the
 * escape's characters in it pays for the second pass.
 */
function jsonColumn(column: unknown[]): string {
  const json = JSON.stringify(column);
  if (!json.includes('\\ud')) return json;
  return JSON.stringify(
    column.map((v) => (typeof v === 'string' ? Buffer.from(v, 'utf8').toString('utf8') : v)),
  );
}
