import fs from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { skipCount, uniqueColumns, valuesFromCells } from './columns.js';
import { CsvParser, sniffSeparator, type CsvRow } from './csv-parser.js';
import {
  SAMPLE_BYTES,
  createDecoder,
  detectEncoding,
  locateDecodingError,
  textChunks,
  type EncodingChoice,
  type EncodingOption,
} from './text-decoding.js';
import type { RecordSource, RecordsOptions, SourceRecord } from './types.js';

// An uploaded CSV read in 64 KiB chunks: the reader holds one chunk's records and one partial record at a
// time. The layout (encoding, separator, header) is worked out once from the start of the file; every pass
// (columns(), each records()) opens the file afresh, so a resumed job simply re-reads and skips.

/** How to read a CSV file; both default to detection. */
export interface CsvFileOptions {
  encoding?: EncodingOption;
  /** one character; sniffed among , ; tab | when absent */
  separator?: string;
}

interface CsvLayout {
  enc: EncodingChoice;
  separator: string;
  separatorDetectedBy: 'option' | 'sniffed';
  columns: string[];
  bytes: number;
}

/** A CSV file as a record source: encoding and separator detected, RFC 4180 quoting, first row = header. */
export function csvFileSource(path: string, opts: CsvFileOptions = {}): RecordSource {
  let layout: Promise<CsvLayout> | undefined;
  let summary: Record<string, string | number> = { format: 'csv', file: basename(path) };
  const getLayout = (): Promise<CsvLayout> =>
    (layout ??= inspect(path, opts).then((l) => {
      summary = {
        ...summary,
        encoding: l.enc.encoding,
        encodingDetectedBy: l.enc.detectedBy,
        separator: l.separator,
        separatorDetectedBy: l.separatorDetectedBy,
        columns: l.columns.length,
        bytes: l.bytes,
      };
      return l;
    }));
  return {
    columns: async () => [...(await getLayout()).columns],
    records: (o?: RecordsOptions) => readRecords(path, getLayout, o ?? {}),
    describe: () => ({ ...summary }),
  };
}

async function inspect(path: string, opts: CsvFileOptions): Promise<CsvLayout> {
  const { size } = await stat(path);
  const enc = await detectEncoding(path, opts.encoding ?? 'auto');
  let separator = opts.separator;
  if (separator === undefined) {
    const fh = await fs.promises.open(path, 'r');
    try {
      const buf = Buffer.alloc(SAMPLE_BYTES);
      const { bytesRead } = await fh.read(buf, 0, SAMPLE_BYTES, enc.bomBytes);
      const sample = decodeAt(enc, buf.subarray(0, bytesRead), enc.bomBytes, 0);
      separator = sniffSeparator(sample, enc.bomBytes + bytesRead >= size);
    } finally {
      await fh.close();
    }
  }
  let header: string[] = [];
  for await (const row of csvRows(path, enc, separator, undefined)) {
    header = row.cells;
    break;
  }
  const separatorDetectedBy = opts.separator === undefined ? 'sniffed' : 'option';
  return { enc, separator, separatorDetectedBy, columns: uniqueColumns(header), bytes: size };
}

async function* readRecords(
  path: string,
  getLayout: () => Promise<CsvLayout>,
  o: RecordsOptions,
): AsyncGenerator<SourceRecord> {
  const skip = skipCount(o.skip);
  const l = await getLayout();
  let rowNo = -1; // the header row is number 0
  for await (const row of csvRows(path, l.enc, l.separator, o.signal)) {
    rowNo++;
    if (rowNo === 0 || rowNo <= skip) continue;
    const place = { rowNo, line: row.line, label: `data row ${rowNo} (line ${row.line})` };
    yield { rowNo, values: valuesFromCells(l.columns, row.cells, place) };
  }
}

function decodeAt(enc: EncodingChoice, chunk: Uint8Array, offset: number, rowsDone: number): string {
  try {
    return createDecoder(enc.encoding).write(chunk);
  } catch (e) {
    throw locateDecodingError(e, offset, offset + chunk.length, rowsDone);
  }
}

/** Every record of the file (header included), decoded and parsed chunk by chunk. */
async function* csvRows(
  path: string,
  enc: EncodingChoice,
  separator: string,
  signal: AbortSignal | undefined,
): AsyncGenerator<CsvRow> {
  const parser = new CsvParser({ separator, headerRows: 1 });
  for await (const text of textChunks(path, enc.encoding, enc.bomBytes, () => parser.records, signal)) {
    for (const row of parser.push(text)) {
      yield row;
      signal?.throwIfAborted();
    }
  }
  yield* parser.end();
}
