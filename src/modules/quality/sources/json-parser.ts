import { LIMITS } from './columns.js';
import { SourceError } from './errors.js';
import { JsonTreeBuilder } from './json-tree.js';
import { JsonNumber, type JsonValue } from './json-values.js';

// A small incremental JSON parser (RFC 8259, strict: no comments, no trailing commas, no lone surrogates).
// This file is the lexer (characters → tokens, positions, size limits); json-tree.ts checks the grammar.
// In 'elements' mode the input must be one top-level array, and each element is handed out as soon as it is
// complete and then forgotten, so a huge array streams in the memory of its largest element. In 'document'
// mode it parses one value (an NDJSON line, an HTTP page). Written here rather than added as a dependency:
// the streaming JSON packages on npm are either large, unmaintained, or lose numbers' source text.

/** How the parser treats the top level, and where its input sits in the file (for messages). */
export interface JsonParserOptions {
  mode: 'elements' | 'document';
  /** line number of the first input line (NDJSON passes the line's number) */
  firstLine?: number;
  /** record number to report in document mode */
  rowNo?: number;
  maxStringChars?: number;
  maxElementChars?: number;
  maxDepth?: number;
}

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** Incremental JSON parser: `push` text, take completed values, then `end`. */
export class JsonStreamParser {
  private readonly mode: 'elements' | 'document';
  private readonly maxString: number;
  private readonly maxElement: number;
  private readonly fixedRowNo: number | undefined;
  private readonly tree: JsonTreeBuilder;
  private lex: 'between' | 'string' | 'number' | 'literal' = 'between';
  private buf = '';
  private esc = 0; // 0: none, 1: after a backslash, 2: inside \uXXXX (hex collects the digits)
  private hex = '';
  private sawUnicodeEscape = false;
  private line: number;
  private col = 1;
  private tokLine: number;
  private tokCol = 1;
  private offset = 0; // characters before the current push
  private elementStart = 0;
  private at = 0; // index in the current chunk of the token being handled
  private started = false;

  constructor(opts: JsonParserOptions) {
    this.mode = opts.mode;
    this.line = this.tokLine = opts.firstLine ?? 1;
    this.fixedRowNo = opts.rowNo;
    this.maxString = opts.maxStringChars ?? LIMITS.maxFieldChars;
    this.maxElement = opts.maxElementChars ?? LIMITS.maxRecordChars;
    this.tree = new JsonTreeBuilder(
      this.mode,
      opts.maxDepth ?? 128,
      (what) => this.error(what),
      () => (this.elementStart = this.offset + this.at),
    );
  }

  /** Elements handed out so far ('elements' mode). */
  get count(): number {
    return this.tree.count;
  }

  /** Parses the next chunk; in 'elements' mode returns the elements it completed. */
  push(text: string): JsonValue[] {
    let i = 0;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    const n = text.length;
    while (i < n) {
      if (this.lex === 'string') {
        i = this.scanString(text, i);
        continue;
      }
      if (this.lex === 'number' || this.lex === 'literal') {
        const re = this.lex === 'number' ? /[0-9eE.+-]/ : /[a-z]/;
        let j = i;
        while (j < n && re.test(text[j]!)) j++;
        this.buf += text.slice(i, j);
        this.col += j - i;
        if (this.buf.length > (this.lex === 'number' ? this.maxString : 5))
          throw this.error(`a ${this.lex === 'number' ? 'number' : 'literal'} is too long`, 'TOO_LARGE');
        i = j;
        if (j < n) this.finishScalar();
        continue;
      }
      const c = text[i]!;
      this.tokLine = this.line;
      this.tokCol = this.col;
      if (c === '\n') {
        this.line++;
        this.col = 1;
        i++;
        continue;
      }
      i++;
      this.col++;
      if (c === ' ' || c === '\t' || c === '\r') continue;
      this.at = i - 1;
      this.checkElementSize();
      if (c === '{' || c === '[') this.tree.value(c === '{' ? new Map() : [], true);
      else if (c === '}' || c === ']') this.tree.close(c);
      else if (c === ',') this.tree.comma();
      else if (c === ':') this.tree.colon();
      else if (c === '"') {
        this.lex = 'string';
        this.buf = '';
        this.sawUnicodeEscape = false;
      } else if (c === '-' || (c >= '0' && c <= '9')) {
        this.lex = 'number';
        this.buf = c;
      } else if (c >= 'a' && c <= 'z') {
        this.lex = 'literal';
        this.buf = c;
      } else throw this.error(`unexpected character ${JSON.stringify(c)}`);
    }
    this.offset += n;
    return this.tree.take();
  }

  /** Ends the input; throws when the JSON is incomplete. Returns the last elements, or the document's value. */
  end(): JsonValue[] {
    if (this.lex === 'string') throw this.error('the input ends inside a string');
    if (this.lex !== 'between') this.finishScalar();
    if (!this.tree.complete)
      throw this.error(
        this.tree.depth === 0 && this.mode === 'document'
          ? 'no JSON value'
          : 'the input ends before the JSON is complete',
      );
    const done = this.tree.take();
    return this.mode === 'document' ? [this.tree.document] : done;
  }

  private scanString(text: string, start: number): number {
    const n = text.length;
    let i = start;
    while (i < n) {
      if (this.esc === 1) {
        const c = text[i]!;
        this.col++;
        i++;
        if (c === 'u') {
          this.esc = 2;
          this.hex = '';
          continue;
        }
        const e = ESCAPES[c];
        if (e === undefined) throw this.error(`invalid escape \\${c}`, 'FORMAT', true);
        this.buf += e;
        this.esc = 0;
        continue;
      }
      if (this.esc === 2) {
        const c = text[i]!;
        this.col++;
        i++;
        if (!/[0-9a-fA-F]/.test(c)) throw this.error('invalid \\u escape', 'FORMAT', true);
        this.hex += c;
        if (this.hex.length === 4) {
          this.buf += String.fromCharCode(parseInt(this.hex, 16));
          this.sawUnicodeEscape = true;
          this.esc = 0;
        }
        continue;
      }
      let j = i;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 0x22 || d === 0x5c || d < 0x20) break;
        j++;
      }
      if (j > i) {
        this.buf += text.slice(i, j);
        this.col += j - i;
        if (this.buf.length > this.maxString)
          throw this.error(`a string is longer than ${this.maxString} characters`, 'TOO_LARGE');
        i = j;
        if (i === n) break;
      }
      const d = text.charCodeAt(i);
      this.col++;
      i++;
      if (d === 0x5c) this.esc = 1;
      else if (d === 0x22) {
        this.lex = 'between';
        this.finishString();
        return i;
      } else throw this.error('a control character inside a string must be escaped', 'FORMAT', true);
    }
    return i;
  }

  private finishString(): void {
    const s = this.buf;
    this.buf = '';
    if (this.sawUnicodeEscape && LONE_SURROGATE.test(s))
      throw this.error('a string contains a lone surrogate \\u escape');
    this.tree.string(s);
  }

  private finishScalar(): void {
    const t = this.buf;
    const kind = this.lex;
    this.buf = '';
    this.lex = 'between';
    if (kind === 'number') {
      if (!NUMBER.test(t)) throw this.error(`invalid number ${JSON.stringify(t)}`);
      this.tree.value(new JsonNumber(t), false);
    } else if (t === 'true' || t === 'false') this.tree.value(t === 'true', false);
    else if (t === 'null') this.tree.value(null, false);
    else throw this.error(`unexpected word ${JSON.stringify(t)}`);
  }

  private checkElementSize(): void {
    if (
      this.mode === 'elements' &&
      this.tree.depth >= 2 &&
      this.offset + this.at - this.elementStart > this.maxElement
    )
      throw this.error(`a record is larger than ${this.maxElement} characters`, 'TOO_LARGE');
  }

  private error(what: string, code: 'FORMAT' | 'TOO_LARGE' = 'FORMAT', here = false): SourceError {
    const line = here ? this.line : this.tokLine;
    const col = here ? this.col - 1 : this.tokCol;
    const rowNo =
      this.fixedRowNo ?? (this.mode === 'elements' && this.tree.depth >= 1 ? this.tree.count + 1 : undefined);
    const rec = rowNo !== undefined && this.fixedRowNo === undefined ? ` (record ${rowNo})` : '';
    return new SourceError(code, `invalid JSON at line ${line}, column ${col}${rec}: ${what}`, {
      ...(rowNo !== undefined && { rowNo }),
      line,
    });
  }
}

/** Parses one complete JSON text (numbers keep their source text). */
export function parseJsonDocument(text: string, opts: Omit<JsonParserOptions, 'mode'> = {}): JsonValue {
  const p = new JsonStreamParser({ ...opts, mode: 'document' });
  p.push(text);
  return p.end()[0] ?? null;
}
