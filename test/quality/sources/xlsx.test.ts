import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { excelDateText, isDateFormat } from '../../../src/modules/quality/sources/xlsx-cells.js';
import { xlsxFileSource } from '../../../src/modules/quality/sources/index.js';
import { collect, fixtures, rejection, rows } from './helpers.js';

const fx = fixtures('xlsx');
let book = '';

beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('说明').addRow(['本工作簿用于测试']);
  const ws = wb.addWorksheet('数据');
  ws.addRow(['编号', '日期', '时间戳', '金额', '合计', '备注', '备注', '链接', '时刻']);
  ws.addRow([
    1,
    new Date(Date.UTC(2024, 0, 31)),
    new Date(Date.UTC(2024, 1, 1, 8, 30, 15)),
    12.5,
    { formula: 'D2*2', result: 25 },
    { richText: [{ text: '富' }, { text: '文本', font: { bold: true } }] },
    null,
    { text: '门户', hyperlink: 'https://data.example.gov.cn' },
    0.5,
  ]);
  ws.getCell('I2').numFmt = 'hh:mm:ss';
  ws.addRow([2, null, null, 0.1, { formula: 'DATE(2023,3,15)', result: 45000 }, '', true]);
  ws.getCell('E3').numFmt = 'yyyy-mm-dd';
  ws.addRow([]);
  ws.addRow([3, '2024-02-02', null, 12345678901, { formula: 'A5&"号"', result: '3号' }, '  ', false]);
  book = fx.path('book.xlsx');
  await wb.xlsx.writeFile(book);

  const extra = new ExcelJS.Workbook();
  const s = extra.addWorksheet('Sheet1');
  s.addRow(['a', 'b']);
  s.addRow([1, 2, '多余']);
  await extra.xlsx.writeFile(fx.path('extra.xlsx'));
});
afterAll(() => fx.cleanup());

describe('xlsxFileSource', () => {
  it('reads a named sheet: header, dates, numbers, formula results and rich text as text', async () => {
    const src = xlsxFileSource(book, { sheet: '数据' });
    expect(await src.columns()).toEqual([
      '编号',
      '日期',
      '时间戳',
      '金额',
      '合计',
      '备注',
      '备注_2',
      '链接',
      '时刻',
    ]);
    const all = await collect(src);
    expect(all.map((r) => r.rowNo)).toEqual([1, 2, 3]); // the empty sheet row 4 is not a record
    expect({ ...all[0]!.values }).toEqual({
      编号: '1',
      日期: '2024-01-31',
      时间戳: '2024-02-01T08:30:15',
      金额: '12.5',
      合计: '25',
      备注: '富文本',
      备注_2: null,
      链接: '门户',
      时刻: '12:00:00',
    });
    expect(all[1]!.values).toMatchObject({ 金额: '0.1', 合计: '2023-03-15', 备注: null, 备注_2: 'true' });
    expect(all[2]!.values).toMatchObject({
      日期: '2024-02-02',
      金额: '12345678901',
      合计: '3号',
      备注: '  ',
    });
    expect(src.describe()).toMatchObject({ format: 'xlsx', sheet: '数据', sheetPosition: 2 });
  });

  it('reads the first sheet by default and a sheet by position', async () => {
    expect(await xlsxFileSource(book).columns()).toEqual(['本工作簿用于测试']);
    expect(await xlsxFileSource(book, { sheet: 2 }).columns()).toHaveLength(9);
  });

  it('reads a later sheet again and again with no stray error from the sheets before it', async () => {
    // exceljs's one-pass reader spooled earlier sheets to temporary files and deleted them as it moved on; an
    // unread skipped sheet once failed to open its deleted file later, as an uncaught error.
    for (let i = 0; i < 30; i++) expect(await xlsxFileSource(book, { sheet: 2 }).columns()).toHaveLength(9);
    await new Promise((r) => setTimeout(r, 50));
  });

  it('never loses a part of the workbook, read after read', async () => {
    // exceljs's one-pass reader dropped a zip entry now and then (exceljs#3064): 0.3–0.75 % of reads of this
    // workbook failed with "Cannot read properties of undefined (reading 'sheets')", so 400 reads caught it in
    // most runs. The source reads the archive's directory instead.
    for (let i = 0; i < 400; i++) {
      const rest = await collect(xlsxFileSource(book, { sheet: '数据' }), { skip: 2 });
      expect(rest.map((r) => r.values['编号'])).toEqual(['3']);
    }
  });

  it('resumes with skip', async () => {
    const rest = await collect(xlsxFileSource(book, { sheet: '数据' }), { skip: 2 });
    expect(rest.map((r) => [r.rowNo, r.values['编号']])).toEqual([[3, '3']]);
  });

  it('rejects a missing sheet, a non-XLSX file and a value beyond the header', async () => {
    const e = await rejection(xlsxFileSource(book, { sheet: '不存在' }).columns());
    expect(e).toMatchObject({ code: 'FORMAT' });
    expect(e.message).toMatch(/no sheet named "不存在" \(sheets: 说明, 数据\)/);
    const notXlsx = fx.file('fake.xlsx', 'a,b\n1,2\n');
    expect((await rejection(xlsxFileSource(notXlsx).columns())).code).toBe('FORMAT');
    const extra = await rejection(rows(xlsxFileSource(fx.path('extra.xlsx'))));
    expect(extra).toMatchObject({ code: 'FORMAT', rowNo: 1 });
    expect(extra.message).toMatch(/sheet row 2 has a value in column 3/);
  });
});

describe('Excel cell helpers', () => {
  it('formats dates without inventing a time zone', () => {
    expect(excelDateText(new Date(Date.UTC(2024, 11, 31)))).toBe('2024-12-31');
    expect(excelDateText(new Date(Date.UTC(2024, 11, 31, 23, 59, 59, 250)))).toBe('2024-12-31T23:59:59.250');
    expect(excelDateText(new Date(Date.UTC(1899, 11, 30, 6, 0)))).toBe('06:00:00');
  });

  it('recognises date number formats', () => {
    for (const f of ['yyyy-mm-dd', 'm/d/yy', 'hh:mm', '[$-804]yyyy"年"m"月"d"日"', 'YYYY/MM/DD'])
      expect(isDateFormat(f), f).toBe(true);
    for (const f of ['General', '0.00', '#,##0', '0.00%', '"元"#,##0', '[Red]0.00', undefined])
      expect(isDateFormat(f), f).toBe(false);
  });
});
