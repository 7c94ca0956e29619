import { describe, expect, it } from 'vitest';
import { makeIdNumber, makeUscc, orgCodeCheckChar } from '../../../../kernel/index.js';
import { analyseColumn, detectColumn, detectColumns } from './detect.js';

const AS_OF = new Date('2026-01-01T00:00:00+08:00');
const detect = (header: string, values: readonly (string | null | undefined)[]) =>
  detectColumn(header, values, { asOf: AS_OF });

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const ids = (n: number) =>
  range(n).map((i) => makeIdNumber('330106', `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`, i));
const usccs = (n: number) =>
  range(n).map((i) => {
    const body = `MA${String(100000 + i * 7919).slice(0, 6)}`;
    return makeUscc('9', '1', '330106', body + orgCodeCheckChar(body));
  });
const mobiles = (n: number) =>
  range(n).map((i) => `13${i % 10}${String(10000000 + i * 7_654_321).slice(-8)}`);
const landlines = (n: number) => range(n).map((i) => `0571-8${String(1000000 + i * 97_531).slice(-7)}`);
const names = ['张伟', '王芳', '李娜', '刘洋', '陈静', '欧阳明', '司马光', '赵丽颖', '周杰', '吴磊'];

describe('detectColumn', () => {
  it('suggests idNumber with level, mask, matched share and reason', () => {
    const values = [...ids(46), '110105194912310021', '330106199913130011'];
    const s = detect('身份证号', values);
    expect(s).toMatchObject({
      kind: 'idNumber',
      matched: 46,
      sampled: 48,
      nationalLevel: 'general4',
      provincialLevel: 'L4',
      mask: { kind: 'idNumber', keepFirst: 1, keepLast: 2 },
      reason: '46 of 48 values are checksum-valid ID numbers; the header agrees',
    });
    expect(s?.confidence).toBe(0.98);
  });

  it('lets values decide over a misleading header', () => {
    const orders = range(30).map((i) => `20240315${String(1_000_000_000 + i * 123_456_789).slice(-10)}`);
    expect(detect('身份证号', orders)).toBeNull();
    expect(detect('col_7', ids(30))?.kind).toBe('idNumber');
    const uscc = detect('证件号码', usccs(30));
    expect(uscc?.kind).toBe('uscc');
    expect(uscc?.reason).toMatch(/header suggests another kind/);
    expect(uscc?.nationalLevel).toBe('general1');
    expect(uscc?.mask).toEqual({ kind: 'clear' });
  });

  it('gives a bland header less confidence than an agreeing one', () => {
    const named = detect('手机号', mobiles(30));
    const bland = detect('field_3', mobiles(30));
    expect(named?.kind).toBe('mobile');
    expect(bland?.kind).toBe('mobile');
    expect(named!.confidence).toBeGreaterThan(bland!.confidence);
  });

  it('skips blanks and placeholders when counting', () => {
    const s = detect('邮箱', [
      'a@qq.com',
      null,
      undefined,
      '',
      ' ',
      '无',
      'N/A',
      '-',
      'b@163.com',
      'c@hz.gov.cn',
    ]);
    expect(s).toMatchObject({ kind: 'email', matched: 3, sampled: 3 });
    expect(detect('邮箱', [null, '', '不详'])).toBeNull();
    expect(detect('邮箱', [])).toBeNull();
  });

  it('scales confidence down for very small samples', () => {
    const few = detect('邮箱', ['a@qq.com', 'b@163.com']);
    const many = detect(
      '邮箱',
      range(20).map((i) => `user${i}@163.com`),
    );
    expect(few!.confidence).toBeLessThan(many!.confidence);
  });

  it('needs a real share: a few matches under an agreeing header are not enough', () => {
    const values = [...ids(3), ...range(27).map((i) => `A${i}`)];
    expect(detect('身份证号', values)).toBeNull();
  });

  it('does not call Luhn-valid numbers without issuer prefixes bank cards', () => {
    const serials = [
      '1234567890123452',
      '7000000000000008',
      '8888888888888888',
      '9999999999999995',
      '1000000000000008',
    ];
    expect(detect('银行卡号', serials)).toBeNull();
  });

  it('reads a 联系电话 column of mobiles and landlines as phones', () => {
    const mixed = [...mobiles(10), ...landlines(10)];
    const a = analyseColumn('联系电话', mixed, { asOf: AS_OF });
    expect(['mobile', 'landline']).toContain(a.suggestion?.kind);
    expect(a.suggestion?.matched).toBe(20);
    expect(a.suggestion?.reason).toMatch(/phone numbers \(10 mobile, 10 landline\)/);
    const mostlyMobile = analyseColumn('联系电话', [...mobiles(14), ...landlines(6)], { asOf: AS_OF });
    expect(mostlyMobile.suggestion?.kind).toBe('mobile');
    expect(mostlyMobile.alternatives.map((s) => s.kind)).toContain('landline');
  });

  it('tells personal names from company names', () => {
    expect(detect('姓名', names)?.kind).toBe('name');
    expect(detect('col_2', names)?.kind).toBe('name');
    const companies = [
      '杭州某某科技有限公司',
      '王记面馆',
      '浙江省交通投资集团',
      '西湖区市场监督管理局',
      '李家小吃店',
    ];
    expect(detect('姓名', companies)).toBeNull();
  });

  it('tells birth dates from event dates', () => {
    const births = range(30).map((i) => `${1940 + i * 2}-0${1 + (i % 9)}-15`);
    const events = range(30).map((i) => `${2016 + (i % 10)}-0${1 + (i % 9)}-15`);
    expect(detect('出生日期', births)?.kind).toBe('birthDate');
    expect(detect('field_9', births)?.kind).toBe('birthDate');
    expect(detect('field_9', births)!.confidence).toBeLessThan(detect('出生日期', births)!.confidence);
    expect(detect('立案日期', births)).toBeNull();
    expect(detect('field_9', events)).toBeNull();
    expect(detect('field_9', [...births.slice(0, 25), '2040-01-01'])).toBeNull();
    expect(detect('出生日期', births)?.mask).toEqual({ kind: 'dateToYear' });
  });

  it('detects addresses and plates but not region names', () => {
    const addresses = range(10).map((i) => `浙江省杭州市西湖区文${i}路${i + 1}号`);
    expect(detect('地址', addresses)?.kind).toBe('address');
    expect(detect('地址', ['浙江省杭州市西湖区', '浙江省台州市路桥区', '北京市朝阳区'])).toBeNull();
    const plates = range(10).map((i) => `浙A${10000 + i * 1111}`);
    expect(detect('车牌号', plates)).toMatchObject({ kind: 'plate', nationalLevel: 'general3' });
  });

  it('ignores ordinary business columns', () => {
    expect(detect('金额', ['12.50', '300.00', '7.25'])).toBeNull();
    expect(detect('状态', ['正常', '注销', '在营'])).toBeNull();
    expect(detect('邮编', ['310012', '100081', '518000'])).toBeNull();
  });
});

describe('detectColumns', () => {
  it('returns one result per column, with alternatives', () => {
    const out = detectColumns(
      [
        { header: '证件号码', values: [...ids(14), ...usccs(6)] },
        { header: '备注', values: ['同意', '退回'] },
      ],
      { asOf: AS_OF },
    );
    expect(out).toHaveLength(2);
    expect(out[0]?.header).toBe('证件号码');
    expect(out[0]?.suggestion?.kind).toBe('idNumber');
    expect(out[0]?.alternatives.map((a) => a.kind)).toEqual(['uscc']);
    expect(out[1]).toEqual({ header: '备注', suggestion: null, alternatives: [] });
  });
});
