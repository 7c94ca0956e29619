import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { pipeline, Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import ExcelJS, { type Row } from 'exceljs';
import unzipper, { type CentralDirectoryFile } from 'unzipper';
import { skipCount, uniqueColumns, valuesFromCells } from './columns.js';
import { SourceError } from './errors.js';
import type { RecordSource, RecordsOptions, SourceRecord } from './types.js';
import { excelCellText } from './xlsx-cells.js';

// XLSX through exceljs's streaming worksheet reader: rows are parsed from the zip as they are read. Two things
// are held in memory by the format itself: the shared-strings table (every distinct text in the workbook)
// and the styles (needed to tell dates from numbers). The first non-empty row of the sheet is the header; rows
// with no values are skipped and not counted.
//
// The archive is opened through its central directory (unzipper.Open), and the workbook's parts are read in the
// order they depend on each other — relationships, workbook, shared strings, styles — before the chosen sheet
// alone is streamed. exceljs's own WorkbookReader reads the zip in one pass in stored order, and that pass loses
// entries now and then (exceljs#3064: its stream iterator pauses unzipper's entry stream between entries, and
// entries delivered while paused are dropped): measured here on 0.3–0.75 % of reads of one workbook, as a
// TypeError when the lost entry was the workbook (exceljs writes it last), and silently wrong cells when it would
// have been the shared strings or styles. The parts are handed to the reader's part parsers, which exceljs does
// not declare (ReaderParts below); the version is pinned in package.json.

/** Which sheet to read: a name, or a 1-based position in the workbook's tab order (default 1). */
export interface XlsxFileOptions {
  sheet?: string | number;
}

interface SheetRow {
  rowNumber: number;
  cells: (string | null)[];
}

interface SheetInfo {
  name?: string;
  position?: number;
}

// What exceljs's reader exposes at run time but does not declare in its typings: its state, and the parsers of
// the workbook's parts (each takes a stream of the part; sheetNo is the number in `worksheets/sheetN.xml`).
interface ReaderParts {
  model?: { sheets?: { name: string; rId: string }[] };
  properties?: { model?: { date1904?: boolean } };
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(stream: Readable): Promise<void>;
  _parseWorkbook(stream: Readable): Promise<void>;
  _parseSharedStrings(stream: Readable): AsyncGenerator<unknown>;
  _parseStyles(stream: Readable): Promise<void>;
  _parseWorksheet(
    stream: Readable,
    sheetNo: string,
  ): Generator<{ eventType: string; value: AsyncIterable<Row> }>;
}

/** An XLSX workbook sheet as a record source (first sheet by default, first row = header). */
export function xlsxFileSource(path: string, opts: XlsxFileOptions = {}): RecordSource {
  const sheet = opts.sheet ?? 1;
  if (typeof sheet === 'number' && (!Number.isInteger(sheet) || sheet < 1))
    throw new RangeError('sheet must be a name or a 1-based position');
  let header: Promise<string[]> | undefined;
  const info: SheetInfo = {};
  let bytes = 0;
  const getHeader = (): Promise<string[]> =>
    (header ??= (async () => {
      bytes = (await stat(path)).size;
      for await (const row of sheetRows(path, sheet, info)) return uniqueColumns(row.cells);
      return [];
    })());
  return {
    columns: async () => [...(await getHeader())],
    records: (o?: RecordsOptions) => readRecords(path, sheet, getHeader, o ?? {}),
    describe: () => ({
      format: 'xlsx',
      file: basename(path),
      ...(info.name !== undefined && { sheet: info.name }),
      ...(info.position !== undefined && { sheetPosition: info.position }),
      ...(header && { bytes }),
    }),
  };
}

async function* readRecords(
  path: string,
  sheet: string | number,
  getHeader: () => Promise<string[]>,
  o: RecordsOptions,
): AsyncGenerator<SourceRecord> {
  const skip = skipCount(o.skip);
  const columns = await getHeader();
  let rowNo = -1; // the header row is number 0
  for await (const row of sheetRows(path, sheet, {})) {
    o.signal?.throwIfAborted();
    rowNo++;
    if (rowNo === 0 || rowNo <= skip) continue;
    yield {
      rowNo,
      values: valuesFromCells(columns, row.cells, { rowNo, label: `sheet row ${row.rowNumber}` }),
    };
  }
}

function rowCells(row: Row, date1904: boolean): (string | null)[] {
  const cells: (string | null)[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    cells[col - 1] = excelCellText(cell.value, cell.numFmt, date1904);
  });
  for (let i = 0; i < cells.length; i++) cells[i] ??= null;
  return cells;
}

/**
 * A stored part's bytes as a stream that reads only while it is read, and closes the file when it is destroyed:
 * a read that stops after the header (columns()) must not leave the file open or the rest of the sheet being
 * inflated (unzipper's own stream of a part reads on to the end of the file and closes it only when the part
 * was read to its end).
 */
async function partBytes(path: string, file: CentralDirectoryFile): Promise<Readable> {
  if (file.flags & 0x01) throw new SourceError('FORMAT', 'the workbook is encrypted');
  if (file.compressionMethod !== 0 && file.compressionMethod !== 8)
    throw new SourceError(
      'FORMAT',
      `the workbook uses an unsupported compression (${file.compressionMethod})`,
    );
  const header = Buffer.alloc(30);
  const fh = await open(path, 'r');
  try {
    await fh.read(header, 0, 30, file.offsetToLocalFileHeader);
  } finally {
    await fh.close();
  }
  if (header.readUInt32LE(0) !== 0x04034b50)
    throw new SourceError('FORMAT', 'the workbook archive is damaged');
  // The data follows the local header, its name and its extra field (whose lengths may differ from the directory's).
  const start = file.offsetToLocalFileHeader + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const raw = createReadStream(path, { start, end: start + file.compressedSize - 1 });
  if (file.compressionMethod === 0) return raw;
  // pipeline() destroys both streams when either ends early, so destroying the inflater closes the file.
  return pipeline(raw, createInflateRaw(), () => undefined);
}

/** The workbook's sheets in tab order, with the archive path of each. */
function sheetList(parts: ReaderParts): { name: string; path: string | null }[] {
  const rels = new Map((parts.workbookRels ?? []).map((r) => [r.Id, r.Target]));
  return (parts.model?.sheets ?? []).map((s) => {
    const target = rels.get(s.rId);
    // Targets are relative to xl/ unless absolute.
    const path = target === undefined ? null : target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    return { name: s.name, path };
  });
}

/** The non-empty rows of the chosen sheet, in order. */
async function* sheetRows(path: string, sheet: string | number, info: SheetInfo): AsyncGenerator<SheetRow> {
  // Every part stream opened, destroyed at the end whatever happened (each holds the file open until then).
  const opened: Readable[] = [];
  let seen: string[] = [];
  try {
    const dir = await unzipper.Open.file(path);
    const files = new Map(dir.files.map((f) => [f.path, f]));
    const parts = new ExcelJS.stream.xlsx.WorkbookReader(path, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    }) as unknown as ReaderParts;
    const part = async (name: string) => {
      const file = files.get(name);
      if (!file) return null;
      const stream = await partBytes(path, file);
      opened.push(stream);
      return stream;
    };
    const rels = await part('xl/_rels/workbook.xml.rels');
    const workbook = await part('xl/workbook.xml');
    if (!rels || !workbook)
      throw new SourceError('FORMAT', 'the file is not an XLSX workbook (no workbook part)');
    await parts._parseRels(rels);
    await parts._parseWorkbook(workbook);
    const strings = await part('xl/sharedStrings.xml');
    if (strings) for await (const _ of parts._parseSharedStrings(strings)) void _;
    const styles = await part('xl/styles.xml');
    if (styles) await parts._parseStyles(styles);
    const sheets = sheetList(parts);
    seen = sheets.map((s) => s.name);
    const position = typeof sheet === 'string' ? seen.indexOf(sheet) + 1 : sheet;
    const chosen = position >= 1 ? sheets[position - 1] : undefined;
    const stream = chosen?.path ? await part(chosen.path) : null;
    if (chosen?.path && stream) {
      info.name = chosen.name;
      info.position = position;
      // exceljs names a sheet's reader by the number in its part's name; any other name gets its position.
      const sheetNo = /sheet(\d+)\.xml$/.exec(chosen.path)?.[1] ?? String(position);
      const date1904 = parts.properties?.model?.date1904 === true;
      for (const { eventType, value } of parts._parseWorksheet(stream, sheetNo)) {
        if (eventType !== 'worksheet') continue;
        for await (const row of value) {
          const cells = rowCells(row, date1904);
          if (cells.some((c) => c !== null)) yield { rowNumber: row.number, cells };
        }
        return;
      }
    }
  } catch (e) {
    if (e instanceof SourceError) throw e;
    throw new SourceError(
      'FORMAT',
      `the file is not a readable XLSX workbook (${e instanceof Error ? e.message : String(e)})`,
    );
  } finally {
    for (const s of opened) s.destroy();
  }
  const wanted = typeof sheet === 'string' ? `named ${JSON.stringify(sheet)}` : `number ${sheet}`;
  throw new SourceError(
    'FORMAT',
    `the workbook has no sheet ${wanted} (sheets: ${seen.join(', ') || 'none'})`,
  );
}
