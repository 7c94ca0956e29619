import type { ColumnDataType, Expression } from 'kysely';
import type { Engine } from './database.js';

// Column types used by migrations, written once for both engines. Flags are integer 0/1 on both (SQLite has
// no boolean and better-sqlite3 refuses JS booleans), JSON is text on both (parsed in repositories), and
// timestamps are timestamptz on PostgreSQL and ISO-8601 UTC text on SQLite — both read back as the same string.

/** Column type for a timestamp. */
export function tsType(engine: Engine): ColumnDataType {
  return engine === 'postgres' ? 'timestamptz' : 'text';
}

/** Column type for a 64-bit integer. */
export function bigintType(engine: Engine): ColumnDataType {
  return engine === 'postgres' ? 'bigint' : 'integer';
}

/** Column type for raw bytes. */
export function bytesType(engine: Engine): ColumnDataType | Expression<unknown> {
  return engine === 'postgres' ? 'bytea' : 'blob';
}

/** Converts a stored 0/1 flag to a boolean. */
export function flag(v: number | boolean | null | undefined): boolean {
  return v === 1 || v === true;
}

/** Converts a boolean to the stored 0/1 flag. */
export function toFlag(v: boolean): 0 | 1 {
  return v ? 1 : 0;
}
