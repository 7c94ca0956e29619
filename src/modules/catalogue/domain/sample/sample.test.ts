import { describe, expect, it } from 'vitest';
import { CsvError, inferType, itemNameFor, parseCsv } from './index.js';

describe('CSV samples', () => {
  it('reads quotes, doubled quotes, CRLF, BOM and blank lines', () => {
    const t = parseCsv('\ufeff姓名,备注\r\n"张三","说""你好""\n第二行"\r\n\r\n李四,\n');
    expect(t.header).toEqual(['姓名', '备注']);
    expect(t.rows).toEqual([
      ['张三', '说"你好"\n第二行'],
      ['李四', ''],
    ]);
  });

  it('sniffs semicolons and tabs, and stops at maxRows', () => {
    expect(parseCsv('a;b\n1;2').rows).toEqual([['1', '2']]);
    expect(parseCsv('a\tb\n1\t2').separator).toBe('\t');
    expect(parseCsv('a\n1\n2\n3\n4', 2).rows).toHaveLength(2);
  });

  it('refuses an unclosed quote and a missing header with the line', () => {
    expect(() => parseCsv('a,b\n"x,1\n2')).toThrow(CsvError);
    expect(() => parseCsv('\n\n')).toThrow(/header/);
  });
});

describe('type inference', () => {
  it('keeps identifiers with leading zeros or long digit runs as strings', () => {
    expect(inferType(['0571', '0572'])).toEqual({ dataType: 'string', length: 4 });
    expect(inferType(['330102199003071234'])).toEqual({ dataType: 'string', length: 18 });
    expect(inferType(['12', '3.5', '', '-7'])).toEqual({ dataType: 'number', length: null });
  });

  it('recognises dates, datetimes and booleans only when every value agrees', () => {
    expect(inferType(['2024-01-02', '2023年5月6日']).dataType).toBe('date');
    expect(inferType(['2024-01-02T10:00:00Z', '2024-01-02 11:00']).dataType).toBe('datetime');
    expect(inferType(['是', '否']).dataType).toBe('boolean');
    expect(inferType(['2024-01-02', 'soon']).dataType).toBe('string');
  });

  it('names items from ASCII headers, PII kinds or positions, never twice', () => {
    const taken = new Set<string>();
    expect(itemNameFor('Mobile No.', 0, null, taken)).toBe('mobile_no');
    expect(itemNameFor('身份证号', 1, 'idNumber', taken)).toBe('id_number');
    expect(itemNameFor('证件号码', 2, 'idNumber', taken)).toBe('id_number_2');
    expect(itemNameFor('备注', 3, null, taken)).toBe('col_4');
  });
});
