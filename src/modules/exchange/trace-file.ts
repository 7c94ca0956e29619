import fs from 'node:fs/promises';
import { AppError } from '../../kernel/index.js';
import {
  csvFileSource,
  isSourceError,
  ndjsonFileSource,
  jsonArrayFileSource,
  xlsxFileSource,
  type RecordSource,
} from '../quality/index.js';

// A suspected leak, read with the ingestion readers (CSV in UTF-8 or GBK, NDJSON, a JSON array, XLSX), so
// a file a department could load is a file the bureau can trace. The format is told by the content: a zip
// container is a workbook, '{' opens NDJSON, '[' a JSON array, anything else is CSV.

/** Largest number of data rows a trace reads (a leak is a sample; the source is the platform's). */
export const MAX_TRACE_ROWS = 2_000_000;

export type TraceFormat = 'csv' | 'ndjson' | 'json' | 'xlsx';

/** The leaked file: its header and its rows as text cells by column. */
export interface LeakedFile {
  format: TraceFormat;
  columns: string[];
  rows: Record<string, string | null>[];
}

/** Tells the format from the first bytes of the file. */
export async function detectFormat(path: string): Promise<TraceFormat> {
  const fh = await fs.open(path, 'r');
  try {
    const buf = Buffer.alloc(64);
    const { bytesRead } = await fh.read(buf, 0, 64, 0);
    const head = buf.subarray(0, bytesRead);
    if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
    const first = head
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart()[0];
    return first === '{' ? 'ndjson' : first === '[' ? 'json' : 'csv';
  } finally {
    await fh.close();
  }
}

function sourceOf(path: string, format: TraceFormat): RecordSource {
  switch (format) {
    case 'xlsx':
      return xlsxFileSource(path);
    case 'ndjson':
      return ndjsonFileSource(path);
    case 'json':
      return jsonArrayFileSource(path);
    case 'csv':
      return csvFileSource(path);
  }
}

/** Reads a leaked file; unreadable input is a 422 naming the problem (never the file's values). */
export async function readLeakedFile(path: string): Promise<LeakedFile> {
  const format = await detectFormat(path);
  const source = sourceOf(path, format);
  try {
    const columns = await source.columns();
    const rows: Record<string, string | null>[] = [];
    for await (const r of source.records()) {
      if (rows.length >= MAX_TRACE_ROWS)
        throw new AppError('UNPROCESSABLE', `A trace reads at most ${MAX_TRACE_ROWS} rows; sample the file.`);
      rows.push(r.values);
    }
    return { format, columns, rows };
  } catch (err) {
    if (isSourceError(err))
      throw new AppError('UNPROCESSABLE', `The file cannot be read as ${format}: ${err.code}.`, {
        violations: [{ field: 'file', code: err.code, message: `unreadable ${format}` }],
      });
    throw err;
  }
}
