import fs from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { csvFileSource, SourceError } from '../../../src/modules/quality/sources/index.js';
import { collect, fixtures, readInCappedHeap, rejection, rows } from './helpers.js';

const fx = fixtures('csv');
afterAll(() => fx.cleanup());
afterEach(() => vi.restoreAllMocks());

const gbk = (s: string): Buffer => iconv.encode(s, 'gb18030');

describe('csvFileSource: encodings', () => {
  it('reads UTF-8 with a BOM (the BOM is not part of the first column name)', async () => {
    const src = csvFileSource(fx.file('bom.csv', '\uFEFF编号,名称\r\n1,北京市\r\n'));
    expect(await src.columns()).toEqual(['编号', '名称']);
    expect(await rows(src)).toEqual([{ 编号: '1', 名称: '北京市' }]);
    expect(src.describe()).toMatchObject({ encoding: 'utf-8', encodingDetectedBy: 'bom', separator: ',' });
  });

  it('reads UTF-8 without a BOM', async () => {
    const src = csvFileSource(fx.file('utf8.csv', '编号,名称\n1,上海市\n2,"广州市,越秀区"\n'));
    expect(await rows(src)).toEqual([
      { 编号: '1', 名称: '上海市' },
      { 编号: '2', 名称: '广州市,越秀区' },
    ]);
    expect(src.describe()).toMatchObject({ encoding: 'utf-8', encodingDetectedBy: 'sample' });
  });

  it('detects GBK and decodes Chinese text, with a character split across the 64 KiB sample boundary', async () => {
    const head = gbk('编号,名称\n');
    const row = (i: number, name: string): Buffer => gbk(`${i},${name}\n`);
    const parts: Buffer[] = [head];
    let size = head.length;
    let i = 1;
    // fill with rows of 2-byte characters, then pad so that a 2-byte character starts at byte 65535
    while (size < 65_000) {
      const r = row(i++, '中华人民共和国');
      parts.push(r);
      size += r.length;
    }
    const pad = 65_535 - size - gbk(`${i},`).length;
    const straddler = gbk(`${i},${'x'.repeat(pad)}国家\n`);
    expect(straddler.subarray(65_535 - size, 65_537 - size)).toEqual(gbk('国'));
    parts.push(straddler, row(i + 1, '数据共享'));
    const src = csvFileSource(fx.file('gbk.csv', Buffer.concat(parts)));
    const all = await rows(src);
    expect(src.describe()).toMatchObject({ encoding: 'gb18030', encodingDetectedBy: 'sample' });
    expect(all).toHaveLength(i + 1);
    expect(all[0]).toEqual({ 编号: '1', 名称: '中华人民共和国' });
    expect(all[i - 1]).toEqual({ 编号: String(i), 名称: `${'x'.repeat(pad)}国家` });
    expect(all[i]).toEqual({ 编号: String(i + 1), 名称: '数据共享' });
  });

  it('keeps UTF-8 when a multi-byte character straddles the sample boundary', async () => {
    const prefix = '编号,名称\n1,';
    const pad = 65_535 - Buffer.byteLength(prefix);
    const text = `${prefix}${'a'.repeat(pad)}中文\n2,好\n`;
    expect(Buffer.from(text).subarray(65_535, 65_538)).toEqual(Buffer.from('中'));
    const src = csvFileSource(fx.file('utf8-split.csv', text));
    expect((await rows(src))[0]!['名称']).toBe(`${'a'.repeat(pad)}中文`);
    expect(src.describe()).toMatchObject({ encoding: 'utf-8', encodingDetectedBy: 'sample' });
  });

  it('decodes GB18030 four-byte characters', async () => {
    const src = csvFileSource(fx.file('gb18030.csv', gbk('字,说明\n𠀀,扩展B\n😀,表情\nㆠ,注音\n')));
    expect(await rows(src)).toEqual([
      { 字: '𠀀', 说明: '扩展B' },
      { 字: '😀', 说明: '表情' },
      { 字: 'ㆠ', 说明: '注音' },
    ]);
  });

  it('looks past an all-ASCII first 64 KiB for the first non-ASCII bytes', async () => {
    const ascii = Array.from({ length: 5000 }, (_, i) => `${i},code-${i}`).join('\n');
    expect(ascii.length).toBeGreaterThan(65_536);
    const src = csvFileSource(fx.file('late-gbk.csv', gbk(`id,name\n${ascii}\n5000,迟到的中文\n`)));
    const all = await rows(src);
    expect(src.describe()).toMatchObject({ encoding: 'gb18030' });
    expect(all.at(-1)).toEqual({ id: '5000', name: '迟到的中文' });
    const plain = csvFileSource(fx.file('ascii.csv', 'id\n1\n'));
    await plain.columns();
    expect(plain.describe()).toMatchObject({ encoding: 'utf-8', encodingDetectedBy: 'ascii' });
  });

  it('reports bytes that are not valid in the detected encoding as ENCODING, with a position', async () => {
    const sample = `id,name\n${Array.from({ length: 8000 }, (_, i) => `${i},名称${i}`).join('\n')}\n`;
    const file = fx.file('late-bad.csv', Buffer.concat([Buffer.from(sample), gbk('9999,坏\n')]));
    const e = await rejection(collect(csvFileSource(file)));
    expect(e).toBeInstanceOf(SourceError);
    expect(e.code).toBe('ENCODING');
    expect(e.message).toMatch(/not valid UTF-8.*gb18030.*data row \d+/);
    expect(sample.length).toBeGreaterThan(65_536);
    expect(e.rowNo).toBeGreaterThan(3000);
  });

  it('reads Excel\'s UTF-16 "Unicode text" (BOM, tab-separated)', async () => {
    const body = Buffer.from('名称\t数量\r\n苹果\t3\r\n', 'utf16le');
    const src = csvFileSource(fx.file('utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), body])));
    expect(await rows(src)).toEqual([{ 名称: '苹果', 数量: '3' }]);
    expect(src.describe()).toMatchObject({
      encoding: 'utf-16le',
      encodingDetectedBy: 'bom',
      separator: '\t',
    });
  });

  it('uses an explicit encoding instead of detecting', async () => {
    const src = csvFileSource(fx.file('forced.csv', gbk('名称\n北京\n')), { encoding: 'gb18030' });
    expect(await rows(src)).toEqual([{ 名称: '北京' }]);
    expect(src.describe()).toMatchObject({ encodingDetectedBy: 'option' });
    const wrong = csvFileSource(fx.file('forced-bad.csv', gbk('名称\n北京\n')), { encoding: 'utf-8' });
    expect((await rejection(wrong.columns())).code).toBe('ENCODING');
  });
});

describe('csvFileSource: structure', () => {
  it('sniffs the separator and keeps quoted separators, quotes and line breaks in fields', async () => {
    const src = csvFileSource(fx.file('semi.csv', 'a;b;c\n"x;y";"say ""hi""";"l1\nl2"\n1;;3\n'));
    expect(await rows(src)).toEqual([
      { a: 'x;y', b: 'say "hi"', c: 'l1\nl2' },
      { a: '1', b: null, c: '3' },
    ]);
    expect(src.describe()).toMatchObject({ separator: ';', separatorDetectedBy: 'sniffed' });
    const tab = csvFileSource(fx.file('tab.tsv', 'a\tb\n1\t2\n'));
    expect(await rows(tab)).toEqual([{ a: '1', b: '2' }]);
  });

  it('accepts an explicit separator', async () => {
    const src = csvFileSource(fx.file('pipe.csv', 'a|b\n1,5|2\n'), { separator: '|' });
    expect(await rows(src)).toEqual([{ a: '1,5', b: '2' }]);
  });

  it('makes header names unique and non-empty', async () => {
    const src = csvFileSource(fx.file('dup.csv', 'a,a,,a_2, b \n1,2,3,4,5\n'));
    expect(await src.columns()).toEqual(['a', 'a_2', 'column_3', 'a_2_2', 'b']);
  });

  it('fills missing cells with null, ignores empty extra cells, and rejects non-empty extra cells', async () => {
    const ok = csvFileSource(fx.file('ragged.csv', 'a,b,c\n1\n1,2,3,,\n'));
    expect(await rows(ok)).toEqual([
      { a: '1', b: null, c: null },
      { a: '1', b: '2', c: '3' },
    ]);
    const bad = csvFileSource(fx.file('extra.csv', 'a,b\n1,2\n1,2,3\n'));
    const e = await rejection(collect(bad));
    expect(e).toMatchObject({ code: 'FORMAT', rowNo: 2, line: 3 });
    expect(e.message).toMatch(/data row 2 \(line 3\) has a value in column 3/);
  });

  it('counts data rows, not lines, and resumes with skip', async () => {
    const text = 'id,note\n1,"two\nlines"\n\n2,x\n3,y\n4,z\n';
    const src = csvFileSource(fx.file('skip.csv', text));
    const all = await collect(src);
    expect(all.map((r) => [r.rowNo, r.values.id])).toEqual([
      [1, '1'],
      [2, '2'],
      [3, '3'],
      [4, '4'],
    ]);
    const rest = await collect(src, { skip: 2 });
    expect(rest.map((r) => [r.rowNo, r.values.id])).toEqual([
      [3, '3'],
      [4, '4'],
    ]);
    expect(await collect(src, { skip: 10 })).toEqual([]);
  });

  it('stops when the signal aborts', async () => {
    const src = csvFileSource(fx.file('abort.csv', 'a\n1\n2\n3\n'));
    const ctl = new AbortController();
    const seen: string[] = [];
    const e = await rejection(
      (async () => {
        for await (const r of src.records({ signal: ctl.signal })) {
          seen.push(r.values.a!);
          ctl.abort();
        }
      })(),
    );
    expect(e.name).toBe('AbortError');
    expect(seen).toEqual(['1']);
  });

  it('handles an empty file and a header-only file', async () => {
    const empty = csvFileSource(fx.file('empty.csv', ''));
    expect(await empty.columns()).toEqual([]);
    expect(await collect(empty)).toEqual([]);
    expect(await collect(csvFileSource(fx.file('header.csv', 'a,b\n')))).toEqual([]);
  });

  it('rejects a field larger than 1 MiB with its row number', async () => {
    const src = csvFileSource(fx.file('huge.csv', `a\n1\n"${'x'.repeat((1 << 20) + 1)}"\n`));
    const e = await rejection(collect(src));
    expect(e).toMatchObject({ code: 'TOO_LARGE', rowNo: 2 });
  });
});

describe('csvFileSource: bounded memory', () => {
  const ROWS = 200_000;
  const line = (i: number): string =>
    `${String(i).padStart(7, '0')},张三丰,北京市朝阳区建国路${String(i % 1000).padStart(3, '0')}号,2024-01-01\n`;
  const rowBytes = Buffer.byteLength(line(0));
  let big = '';
  const bigFile = (): string => {
    if (big) return big;
    const fd = fs.openSync(fx.path('big.csv'), 'w');
    fs.writeSync(fd, 'id,name,address,date\n');
    for (let i = 0; i < ROWS; i += 10_000)
      fs.writeSync(fd, Array.from({ length: 10_000 }, (_, k) => line(i + k)).join(''));
    fs.closeSync(fd);
    return (big = fx.path('big.csv'));
  };

  it('reads ahead only a few chunks of a 200k-row file while the consumer is slow', async () => {
    const file = bigFile();
    const src = csvFileSource(file);
    await src.columns();
    const streams: fs.ReadStream[] = [];
    const real = fs.createReadStream.bind(fs);
    vi.spyOn(fs, 'createReadStream').mockImplementation(((
      ...args: Parameters<typeof fs.createReadStream>
    ) => {
      const s = real(...args);
      streams.push(s);
      return s;
    }) as typeof fs.createReadStream);
    let n = 0;
    let maxAhead = 0;
    for await (const r of src.records()) {
      n++;
      if (n % 5000 === 0) {
        await new Promise((res) => setTimeout(res, 2)); // a slow consumer: the reader must wait, not buffer
        const ahead = streams[0]!.bytesRead - r.rowNo * rowBytes;
        maxAhead = Math.max(maxAhead, ahead);
      }
    }
    expect(n).toBe(ROWS);
    expect(streams).toHaveLength(1);
    // the file is ~12 MB; the reader stays within a few 64 KiB chunks of the consumer
    expect(fs.statSync(file).size).toBeGreaterThan(10_000_000);
    expect(maxAhead).toBeLessThan(512 * 1024);
  });

  // Bounded memory, decided by the heap rather than by RSS, which a loaded machine inflates (the RSS version of
  // this test failed in CI at 98 MB while passing alone).
  it('reads the whole file in a heap too small to hold its records', async () => {
    expect(await readInCappedHeap('csvFileSource', bigFile(), false)).toEqual({ code: 0, out: String(ROWS) });
    expect((await readInCappedHeap('csvFileSource', bigFile(), true)).code).not.toBe(0);
  }, 120_000);
});
