import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { LIMITS, skipCount } from './columns.js';
import { SourceError } from './errors.js';
import { JsonStreamParser, parseJsonDocument } from './json-parser.js';
import { unionKeys, valuesFromObject, type JsonObject, type JsonValue } from './json-values.js';
import { textChunks } from './text-decoding.js';
import type { RecordSource, RecordsOptions, SourceRecord } from './types.js';

// JSON files are UTF-8 (RFC 8259), decoded strictly. The columns are the keys of the first records — not
// only the first, since JSON writers often leave out empty keys — read within a small window; a later key
// outside them with a value is an error, so no data is dropped silently.

/** How far columns() reads ahead to collect keys. */
export const COLUMN_WINDOW = { records: 1000, chars: 1 << 20 } as const;

interface Element {
  value: JsonValue;
  rowNo: number;
  line?: number;
  label: string;
}

type ElementReader = (signal: AbortSignal | undefined) => AsyncGenerator<Element & { charsRead: number }>;

function fileSource(path: string, format: string, elements: ElementReader): RecordSource {
  let columns: Promise<string[]> | undefined;
  let summary: Record<string, string | number> = { format, file: basename(path), encoding: 'utf-8' };
  const getColumns = (): Promise<string[]> =>
    (columns ??= (async () => {
      const { size } = await stat(path);
      const seen: JsonObject[] = [];
      for await (const e of elements(undefined)) {
        if (!(e.value instanceof Map)) throw new SourceError('FORMAT', `${e.label} is not a JSON object`, e);
        seen.push(e.value);
        if (seen.length >= COLUMN_WINDOW.records || e.charsRead >= COLUMN_WINDOW.chars) break;
      }
      const cols = unionKeys(seen);
      summary = { ...summary, columns: cols.length, columnsFromRecords: seen.length, bytes: size };
      return cols;
    })());
  return {
    columns: async () => [...(await getColumns())],
    records: (o?: RecordsOptions) => readRecords(getColumns, elements, o ?? {}),
    describe: () => ({ ...summary }),
  };
}

async function* readRecords(
  getColumns: () => Promise<string[]>,
  elements: ElementReader,
  o: RecordsOptions,
): AsyncGenerator<SourceRecord> {
  const skip = skipCount(o.skip);
  const cols = await getColumns();
  for await (const e of elements(o.signal)) {
    if (e.rowNo <= skip) continue;
    yield { rowNo: e.rowNo, values: valuesFromObject(cols, e.value, e) };
  }
}

/** A file holding one top-level JSON array of objects, streamed element by element. */
export function jsonArrayFileSource(path: string): RecordSource {
  return fileSource(path, 'json', async function* (signal) {
    const parser = new JsonStreamParser({ mode: 'elements' });
    let rowNo = 0;
    let chars = 0;
    const element = (value: JsonValue): Element & { charsRead: number } => {
      rowNo++;
      return { value, rowNo, label: `record ${rowNo}`, charsRead: chars };
    };
    for await (const text of textChunks(path, 'utf-8', 0, () => parser.count, signal)) {
      chars += text.length;
      for (const value of parser.push(text)) {
        yield element(value);
        signal?.throwIfAborted();
      }
    }
    for (const value of parser.end()) yield element(value);
  });
}

/** A file with one JSON object per line (NDJSON / JSON Lines); blank lines are skipped. */
export function ndjsonFileSource(path: string): RecordSource {
  return fileSource(path, 'ndjson', async function* (signal) {
    let pending = '';
    let lineNo = 0;
    let rowNo = 0;
    let chars = 0;
    const parse = (text: string): Element | undefined => {
      lineNo++;
      if (text.trim() === '') return undefined;
      rowNo++;
      const value = parseJsonDocument(text, { firstLine: lineNo, rowNo });
      return { value, rowNo, line: lineNo, label: `line ${lineNo}` };
    };
    for await (const text of textChunks(path, 'utf-8', 0, () => rowNo, signal)) {
      chars += text.length;
      let from = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
        const e = parse(pending + text.slice(from, nl));
        pending = '';
        from = nl + 1;
        if (e) yield { ...e, charsRead: chars };
        signal?.throwIfAborted();
      }
      pending += text.slice(from);
      if (pending.length > LIMITS.maxRecordChars)
        throw new SourceError(
          'TOO_LARGE',
          `line ${lineNo + 1} is longer than ${LIMITS.maxRecordChars} characters`,
          {
            rowNo: rowNo + 1,
            line: lineNo + 1,
          },
        );
    }
    const last = parse(pending);
    if (last) yield { ...last, charsRead: chars };
  });
}
