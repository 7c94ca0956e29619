// A small RFC 4180 reader for sample files (a steward's first rows, at most a few hundred KiB): quoted fields
// with doubled quotes, CR/LF or LF line ends, a UTF-8 BOM, and ',', ';' or tab as the separator (sniffed from
// the header line). Bulk ingestion streams through its own reader in the quality module.

/** Parsed rows, the header first. */
export interface CsvTable {
  header: string[];
  rows: string[][];
  separator: string;
}

/** Why a sample could not be read. */
export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

/** Reads CSV text; stops after maxRows data rows. */
export function parseCsv(text: string, maxRows = 500): CsvTable {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const separator = sniff(firstLine);
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let line = 1;
  let i = 0;
  const endRecord = () => {
    record.push(field);
    field = '';
    // Blank lines separate nothing in a sample; skip them.
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
  };
  while (i < src.length && records.length <= maxRows) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === separator) {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
    } else field += ch;
    i++;
  }
  if (quoted) throw new CsvError('a quoted field is not closed', line);
  if (field !== '' || record.length) endRecord();
  const [header, ...rows] = records;
  if (!header || header.every((h) => h.trim() === '')) throw new CsvError('the sample has no header row', 1);
  return { header: header.map((h) => h.trim()), rows: rows.slice(0, maxRows), separator };
}

function sniff(line: string): string {
  const counts = [',', ';', '\t'].map((s) => [s, line.split(s).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}
