import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv, parseCsvObjects } from './csv-reader.js';
import { CsvWriter, csvField, csvLine } from './csv-writer.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'orderly-csv-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('csv writer and reader', () => {
  it('quotes only fields that need it (RFC 4180)', () => {
    expect(csvField('杭州市')).toBe('杭州市');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded ')).toBe(' padded ');
    expect(csvLine(['1', '', 'x,y'])).toBe('1,,"x,y"\r\n');
  });

  it('reads back what it writes, for any fields', () => {
    const records = fc.array(
      fc.array(fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', ' ', '杭', '\u3000') }), {
        minLength: 1,
        maxLength: 6,
      }),
      {
        maxLength: 8,
      },
    );
    fc.assert(fc.property(records, (rs) => isDeepStrictEqual(parseCsv(rs.map(csvLine).join('')), rs)));
  });

  it('accepts LF line ends and a last line without one', () => {
    expect(parseCsv('a,b\n1,"2\r\n3"\nx,y')).toEqual([
      ['a', 'b'],
      ['1', '2\r\n3'],
      ['x', 'y'],
    ]);
    expect(parseCsvObjects('a,b\r\n1\r\n')).toEqual([{ a: '1', b: '' }]);
  });

  it('streams many rows to UTF-8 and GBK copies with matching hashes and rows', async () => {
    const w = await CsvWriter.open(
      root,
      [
        { name: 'big.csv', encoding: 'utf-8' },
        { name: 'big.gbk.csv', encoding: 'gbk' },
      ],
      ['n', 'name'],
    );
    for (let i = 0; i < 50_000; i++)
      await w.write({ n: String(i), name: i % 7 === 0 ? `杭州,"${i}"` : '西湖区' });
    const [utf8, gbk] = await w.close();
    expect(utf8).toMatchObject({ rows: 50_000, encoding: 'utf-8' });
    expect(gbk).toMatchObject({ rows: 50_000, encoding: 'gbk' });
    const text = fs.readFileSync(path.join(root, 'big.csv'), 'utf8');
    expect(iconv.decode(fs.readFileSync(path.join(root, 'big.gbk.csv')), 'gb18030')).toBe(text);
    const rows = parseCsvObjects(text);
    expect(rows).toHaveLength(50_000);
    expect(rows[49]).toEqual({ n: '49', name: '杭州,"49"' });
    expect(utf8?.bytes).toBe(Buffer.byteLength(text));
  });

  it('reports a file that cannot be written', async () => {
    await expect(
      CsvWriter.open(path.join(root, 'big.csv', 'not-a-dir'), [{ name: 'x.csv', encoding: 'utf-8' }], ['a']),
    ).rejects.toThrow();
  });
});
