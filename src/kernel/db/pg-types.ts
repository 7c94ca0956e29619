import pg from 'pg';

// How values cross the PostgreSQL boundary, decided once (see docs/adr/0002-values-across-engines.md):
// - int8/bigint → JS number; a value beyond 2^53 is an error, never a silent rounding;
// - numeric → string (exact decimal, the caller decides);
// - date → the 'YYYY-MM-DD' string as stored (no time-zone shift);
// - timestamptz/timestamp → ISO-8601 UTC string with milliseconds, the same text SQLite stores.
const INT8 = 20;
const DATE = 1082;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;

function parseInt8(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${v} exceeds the safe integer range`);
  return n;
}

function parseTimestamptz(v: string): string {
  // Sessions run in UTC, so the text is like '2026-01-05 01:02:03.456+00'; Date parses it exactly.
  return new Date(v.replace(' ', 'T').replace(/\+00$/, 'Z')).toISOString();
}

function parseTimestamp(v: string): string {
  return new Date(v.replace(' ', 'T') + 'Z').toISOString();
}

/** The custom type parser set passed to every pg pool. */
export const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): (v: string) => unknown {
    switch (oid) {
      case INT8:
        return parseInt8;
      case DATE:
        return (v: string) => v;
      case TIMESTAMP:
        return parseTimestamp;
      case TIMESTAMPTZ:
        return parseTimestamptz;
      default:
        return pg.types.getTypeParser(oid, format ?? 'text') as (v: string) => unknown;
    }
  },
};
