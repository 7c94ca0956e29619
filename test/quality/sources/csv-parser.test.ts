import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvParser, sniffSeparator } from '../../../src/modules/quality/sources/csv-parser.js';
import { SourceError } from '../../../src/modules/quality/sources/index.js';

function parseAll(text: string, separator = ',', chunk = text.length || 1, opts = {}): string[][] {
  const p = new CsvParser({ separator, ...opts });
  const out: string[][] = [];
  for (let i = 0; i < text.length; i += chunk)
    out.push(...p.push(text.slice(i, i + chunk)).map((r) => r.cells));
  out.push(...p.end().map((r) => r.cells));
  return out;
}

function quote(cell: string, sep: string): string {
  return /["\r\n]/.test(cell) || cell.includes(sep) || cell === '' ? `"${cell.replace(/"/g, '""')}"` : cell;
}

describe('CsvParser', () => {
  it('handles quoted fields with separators, doubled quotes and line breaks', () => {
    const text = 'a,b,c\r\n"x,1","he said ""hi""","line1\nline2\r\nline3"\n4,,""\n';
    expect(parseAll(text)).toEqual([
      ['a', 'b', 'c'],
      ['x,1', 'he said "hi"', 'line1\nline2\r\nline3'],
      ['4', '', ''],
    ]);
  });

  it('treats a lone quote inside an unquoted field as text', () => {
    expect(parseAll('a,5" pipe\n')).toEqual([['a', '5" pipe']]);
  });

  it('accepts CRLF, LF and lone CR endings, with or without a final line break, and skips blank lines', () => {
    expect(parseAll('a,b\r\n1,2\r\n\r\n3,4\r5,6')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
    expect(parseAll('\n\na\n\n')).toEqual([['a']]);
  });

  it('gives the same records however the text is cut into chunks', () => {
    const text = 'h1;h2\r\n"a;""b""\r\nc";d\r\n;"e"\r\n';
    const expected = parseAll(text, ';');
    for (let chunk = 1; chunk <= text.length; chunk++) expect(parseAll(text, ';', chunk)).toEqual(expected);
  });

  it('round-trips any table through quoting and arbitrary chunking (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', '中', ',', ';', '"', '\n', '\r', ' ', '😀') });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(',', ';', '\t', '|'),
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom('\n', '\r\n'),
        (table, sep, chunk, eol) => {
          const text = table.map((r) => r.map((c) => quote(c, sep)).join(sep)).join(eol) + eol;
          expect(parseAll(text, sep, chunk)).toEqual(table);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reports text after a closing quote with the data row and line', () => {
    const e = (() => {
      try {
        parseAll('h\nok\n"ab"c\n', ',', 100, { headerRows: 1 });
      } catch (err) {
        return err as SourceError;
      }
      throw new Error('no error');
    })();
    expect(e).toBeInstanceOf(SourceError);
    expect(e.code).toBe('FORMAT');
    expect(e.rowNo).toBe(2);
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/data row 2 \(line 3\)/);
  });

  it('reports an unterminated quote with the line it started on', () => {
    expect(() => parseAll('h\n1\n"open\nmore\n', ',', 100, { headerRows: 1 })).toThrow(
      /quoted field starting on line 3 is never closed/,
    );
  });

  it('refuses a field larger than the limit (TOO_LARGE) and too many columns', () => {
    expect(() => parseAll(`h\n${'x'.repeat(101)}\n`, ',', 7, { maxFieldChars: 100, headerRows: 1 })).toThrow(
      expect.objectContaining({ code: 'TOO_LARGE', rowNo: 1 }) as Error,
    );
    expect(() => parseAll(`${','.repeat(20)}\n`, ',', 5, { maxColumns: 10 })).toThrow(/more than 10 columns/);
  });

  it('refuses a separator that is a quote or longer than one character', () => {
    expect(() => new CsvParser({ separator: '"' })).toThrow(RangeError);
    expect(() => new CsvParser({ separator: ',,' })).toThrow(RangeError);
  });
});

describe('sniffSeparator', () => {
  it('picks the separator with a consistent column count', () => {
    expect(sniffSeparator('a,b,c\n1,2,3\n', true)).toBe(',');
    expect(sniffSeparator('名称;金额\n张三;1,5\n李四;2,25\n', true)).toBe(';');
    expect(sniffSeparator('a\tb\n"x\ty"\tz\n', true)).toBe('\t');
    expect(sniffSeparator('a|b|c\n1|2|3', true)).toBe('|');
  });

  it('falls back to a comma for a single column', () => {
    expect(sniffSeparator('name\nx\n', true)).toBe(',');
  });
});
