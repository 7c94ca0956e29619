import { LIMITS } from './columns.js';
import { SourceError } from './errors.js';

// An incremental RFC 4180 parser: text goes in chunk by chunk (a record may span any number of chunks), whole
// records come out. Pure — no I/O — so it is unit- and property-tested on its own.
// Leniency, chosen deliberately: a quote inside an unquoted field is a literal character (common, and not
// ambiguous); text after a closing quote (`"ab"c`) is an error (ambiguous: Excel and others disagree);
// CRLF, LF and a lone CR all end a record; an empty line is skipped rather than read as one empty cell.

/** Separators the sniffer chooses from, in order of preference on a tie. */
export const SEPARATORS = [',', ';', '\t', '|'] as const;

/** One parsed record with the line it started on. */
export interface CsvRow {
  cells: string[];
  /** 1-based physical line where the record starts */
  line: number;
}

/** Parser settings; `headerRows` only shifts the row number in error messages. */
export interface CsvParserOptions {
  separator: string;
  headerRows?: number;
  maxFieldChars?: number;
  maxRecordChars?: number;
  maxColumns?: number;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

const State = {
  FieldStart: 0,
  Unquoted: 1,
  Quoted: 2,
  /** a quote inside a quoted field: either the first of a doubled quote or the closing one */
  QuoteInQuoted: 3,
  AfterClosingQuote: 4,
} as const;
type State = (typeof State)[keyof typeof State];

/** Incremental CSV parser: `push` text, take the completed records, then `end`. */
export class CsvParser {
  private readonly sep: number;
  private readonly headerRows: number;
  private readonly maxField: number;
  private readonly maxRecord: number;
  private readonly maxColumns: number;
  private state: State = State.FieldStart;
  private cells: string[] = [];
  private field = '';
  private quoted = false;
  private recordChars = 0;
  private skipLf = false;
  private line = 1;
  private recordLine = 1;
  private emitted = 0;

  constructor(opts: CsvParserOptions) {
    if (opts.separator.length !== 1 || '"\r\n'.includes(opts.separator))
      throw new RangeError('the separator must be one character other than a quote or a line break');
    this.sep = opts.separator.charCodeAt(0);
    this.headerRows = opts.headerRows ?? 0;
    this.maxField = opts.maxFieldChars ?? LIMITS.maxFieldChars;
    this.maxRecord = opts.maxRecordChars ?? LIMITS.maxRecordChars;
    this.maxColumns = opts.maxColumns ?? LIMITS.maxColumns;
  }

  /** Records completed so far (header included). */
  get records(): number {
    return this.emitted;
  }

  /** Parses the next chunk of text and returns the records it completed. */
  push(text: string): CsvRow[] {
    const out: CsvRow[] = [];
    const n = text.length;
    let i = 0;
    while (i < n) {
      if (this.state === State.Quoted) {
        const q = text.indexOf('"', i);
        const stop = q === -1 ? n : q;
        this.countLines(text, i, stop);
        this.append(text.slice(i, stop));
        if (q === -1) break;
        this.state = State.QuoteInQuoted;
        i = q + 1;
        continue;
      }
      const c = text.charCodeAt(i);
      if (this.skipLf) {
        this.skipLf = false;
        if (c === LF) {
          i++;
          continue;
        }
      }
      if (this.state === State.QuoteInQuoted) {
        if (c === QUOTE) {
          this.append('"');
          this.state = State.Quoted;
          i++;
          continue;
        }
        this.state = State.AfterClosingQuote;
      }
      if (this.state === State.AfterClosingQuote && c !== this.sep && c !== CR && c !== LF)
        throw this.error(
          'FORMAT',
          'unexpected text after a closing quote (a quote inside a quoted field must be doubled)',
        );
      if (this.state === State.FieldStart && c === QUOTE) {
        this.state = State.Quoted;
        this.quoted = true;
        i++;
        continue;
      }
      if (c === this.sep) {
        this.endField();
        i++;
        continue;
      }
      if (c === CR || c === LF) {
        this.endRecord(out);
        this.line++;
        this.skipLf = c === CR;
        i++;
        continue;
      }
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === this.sep || d === CR || d === LF) break;
        j++;
      }
      this.append(text.slice(i, j));
      this.state = State.Unquoted;
      i = j;
    }
    return out;
  }

  /** Finishes the input: returns the last record (one without a final line break) or throws if a quote is open. */
  end(): CsvRow[] {
    if (this.state === State.Quoted)
      throw this.error('FORMAT', `a quoted field starting on line ${this.recordLine} is never closed`);
    const out: CsvRow[] = [];
    this.endRecord(out);
    return out;
  }

  private append(s: string): void {
    this.field += s;
    this.recordChars += s.length;
    if (this.field.length > this.maxField)
      throw this.error('TOO_LARGE', `a field is longer than ${this.maxField} characters`);
    if (this.recordChars > this.maxRecord)
      throw this.error('TOO_LARGE', `the record is longer than ${this.maxRecord} characters`);
  }

  private endField(): void {
    this.cells.push(this.field);
    if (this.cells.length > this.maxColumns)
      throw this.error('TOO_LARGE', `the record has more than ${this.maxColumns} columns`);
    this.field = '';
    this.quoted = false;
    this.state = State.FieldStart;
  }

  private endRecord(out: CsvRow[]): void {
    const blank = this.cells.length === 0 && this.field === '' && !this.quoted;
    if (!blank) {
      this.endField();
      out.push({ cells: this.cells, line: this.recordLine });
      this.emitted++;
    }
    this.cells = [];
    this.field = '';
    this.quoted = false;
    this.recordChars = 0;
    this.state = State.FieldStart;
    this.recordLine = this.line + 1;
  }

  private countLines(text: string, from: number, to: number): void {
    for (let k = text.indexOf('\n', from); k !== -1 && k < to; k = text.indexOf('\n', k + 1)) this.line++;
  }

  private error(code: 'FORMAT' | 'TOO_LARGE', what: string): SourceError {
    const ordinal = this.emitted + 1 - this.headerRows;
    const label =
      ordinal >= 1 ? `data row ${ordinal} (line ${this.recordLine})` : `the header (line ${this.recordLine})`;
    return new SourceError(code, `${label}: ${what}`, {
      ...(ordinal >= 1 && { rowNo: ordinal }),
      line: this.recordLine,
    });
  }
}

/** Picks the separator whose column count is most consistent across the sample's records
 *  (`complete`: the sample is the whole file, so its last record counts too). */
export function sniffSeparator(sample: string, complete: boolean, maxRecords = 50): string {
  let best: { sep: string; score: number; width: number } = { sep: ',', score: -1, width: 0 };
  for (const sep of SEPARATORS) {
    let rows: CsvRow[];
    try {
      const p = new CsvParser({ separator: sep });
      rows = p.push(sample);
      if (complete) rows.push(...p.end());
      rows = rows.slice(0, maxRecords);
    } catch {
      continue; // e.g. text after a closing quote: a wrong separator
    }
    const width = rows[0]?.cells.length ?? 0;
    if (width < 2) continue;
    const score = rows.filter((r) => r.cells.length === width).length / rows.length;
    if (score > best.score || (score === best.score && width > best.width)) best = { sep, score, width };
  }
  return best.sep;
}
