import fs from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import ExcelJS, { type Row } from 'exceljs';
import { skipCount, uniqueColumns, valuesFromCells } from './columns.js';
import { SourceError } from './errors.js';
import type { RecordSource, RecordsOptions, SourceRecord } from './types.js';
import { excelCellText } from './xlsx-cells.js';

// XLSX through exceljs's streaming WorkbookReader: rows are parsed from the zip as they are read. Two things
// are held in memory by the format itself: the shared-strings table (every distinct text in the workbook)
// and the styles (needed to tell dates from numbers). If a sheet precedes the shared strings inside the zip,
// exceljs spools it to a temporary file first. The first non-empty row of the sheet is the header; rows with
// no values are skipped and not counted.

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

// What exceljs's reader exposes at run time but does not declare in its typings.
interface ReaderInternals {
  model?: { sheets?: { name: string }[] };
  properties?: { model?: { date1904?: boolean } };
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

/** The non-empty rows of the chosen sheet, in order. */
async function* sheetRows(path: string, sheet: string | number, info: SheetInfo): AsyncGenerator<SheetRow> {
  const input = fs.createReadStream(path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const internals = reader as unknown as ReaderInternals;
  const seen: string[] = [];
  try {
    let order = 0;
    for await (const ws of reader) {
      order++;
      const name = (ws as unknown as { name: string }).name;
      const tabs = internals.model?.sheets?.map((s) => s.name) ?? [];
      const position = tabs.includes(name) ? tabs.indexOf(name) + 1 : order;
      seen.push(name);
      if (typeof sheet === 'string' ? name !== sheet : position !== sheet) {
        // Drain a skipped sheet: when it was spooled to a temporary file, exceljs deletes that file as soon as
        // we move on, and an unread stream would then fail to open it (an uncaught ENOENT).
        for await (const _row of ws) void _row;
        continue;
      }
      info.name = name;
      info.position = position;
      const date1904 = internals.properties?.model?.date1904 === true;
      for await (const row of ws) {
        const cells = rowCells(row, date1904);
        if (cells.some((c) => c !== null)) yield { rowNumber: row.number, cells };
      }
      return;
    }
  } catch (e) {
    if (e instanceof SourceError) throw e;
    throw new SourceError(
      'FORMAT',
      `the file is not a readable XLSX workbook (${e instanceof Error ? e.message : String(e)})`,
    );
  } finally {
    input.destroy();
  }
  const wanted = typeof sheet === 'string' ? `named ${JSON.stringify(sheet)}` : `number ${sheet}`;
  throw new SourceError(
    'FORMAT',
    `the workbook has no sheet ${wanted} (sheets: ${seen.join(', ') || 'none'})`,
  );
}
