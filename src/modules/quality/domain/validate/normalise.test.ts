import { describe, expect, it } from 'vitest';
import { toIsoDate, toIsoDateTime } from './dates.js';
import { foldAlnum, normaliseValue } from './normalise.js';
import { testItem } from './test-items.js';

const text = testItem('note');
const id = testItem('sfzh', { piiKind: 'idNumber' });
const mobile = testItem('sjhm', { piiKind: 'mobile' });
const uscc = testItem('tyshxydm', { piiKind: 'uscc' });
const email = testItem('dzyx', { piiKind: 'email' });
const birth = testItem('csrq', { piiKind: 'birthDate' });
const num = testItem('je', { dataType: 'number' });
const date = testItem('rq', { dataType: 'date' });
const dt = testItem('sj', { dataType: 'datetime' });
const ts = testItem('gxsj', { dataType: 'timestamp' });
const bool = testItem('sfyx', { dataType: 'boolean' });
const bin = testItem('zp', { dataType: 'binary' });

describe('normaliseValue', () => {
  it('trims and turns empty, null and missing into null', () => {
    expect(normaliseValue('  abc \t', text)).toBe('abc');
    expect(normaliseValue('   ', text)).toBeNull();
    expect(normaliseValue('\u3000', text)).toBeNull();
    expect(normaliseValue('', text)).toBeNull();
    expect(normaliseValue(null, text)).toBeNull();
    expect(normaliseValue(undefined, text)).toBeNull();
  });

  it('folds full-width digits and letters but keeps Chinese punctuation in text', () => {
    expect(normaliseValue('杭州市西湖区（文三路）１号楼，Ａ座', text)).toBe(
      '杭州市西湖区（文三路）1号楼，A座',
    );
    expect(foldAlnum('０９ＡＺａｚ！')).toBe('09AZaz！');
  });

  it('folds every full-width ASCII character in codes, numbers and dates', () => {
    expect(normaliseValue('１３８００１３８０００', mobile)).toBe('13800138000');
    expect(normaliseValue('ｚｈａｎｇ＠ＥＸＡＭＰＬＥ．ＣＮ', email)).toBe('zhang@example.cn');
    expect(normaliseValue('１，２３４．５', num)).toBe('1234.5');
    expect(normaliseValue('２０２４－０２－２９', date)).toBe('2024-02-29');
  });

  it('puts ID numbers in the 18-character form: x → X, 15 digits → 18', () => {
    expect(normaliseValue('11010519491231002x', id)).toBe('11010519491231002X');
    expect(normaliseValue('110105491231002', id)).toBe('11010519491231002X');
    expect(normaliseValue(' １１０１０５１９４９１２３１００２ｘ ', id)).toBe('11010519491231002X');
    expect(normaliseValue('11010519491231002X', id)).toBe('11010519491231002X');
  });

  it('uppercases USCCs and strips +86 and separators from mobiles', () => {
    expect(normaliseValue('91310110666007217t', uscc)).toBe('91310110666007217T');
    expect(normaliseValue('+86 138-0013-8000', mobile)).toBe('13800138000');
    expect(normaliseValue('0086 13800138000', mobile)).toBe('13800138000');
    expect(normaliseValue('138-0013', mobile)).toBe('138-0013');
  });

  it('lowercases only the domain of an e-mail address', () => {
    expect(normaliseValue('Zhang.San@Example.GOV.CN', email)).toBe('Zhang.San@example.gov.cn');
  });

  it('strips thousands separators only from a well-grouped number', () => {
    expect(normaliseValue('1,234,567.89', num)).toBe('1234567.89');
    expect(normaliseValue('-12,345', num)).toBe('-12345');
    expect(normaliseValue('12,34', num)).toBe('12,34');
    expect(normaliseValue('1,2345', num)).toBe('1,2345');
  });

  it('reads the common date forms for date and birth-date items', () => {
    for (const v of [
      '2024-02-29',
      '2024/2/29',
      '2024.02.29',
      '20240229',
      '2024年2月29日',
      '2024-02-29 00:00:00',
    ]) {
      expect(normaliseValue(v, date)).toBe('2024-02-29');
      expect(normaliseValue(v, birth)).toBe('2024-02-29');
    }
    expect(normaliseValue('2024-02/29', date)).toBe('2024-02/29');
    expect(normaliseValue('2024-02-29 10:00', date)).toBe('2024-02-29 10:00');
    // A plain text item keeps what was written.
    expect(normaliseValue('2024/2/29', text)).toBe('2024/2/29');
  });

  it('turns date-times into ISO 8601 UTC, reading a zone-less time as Asia/Shanghai', () => {
    expect(normaliseValue('2024-03-01 08:00:00', dt)).toBe('2024-03-01T00:00:00.000Z');
    expect(normaliseValue('2024/3/1 8:00', dt)).toBe('2024-03-01T00:00:00.000Z');
    expect(normaliseValue('2024-03-01T08:00:00+08:00', dt)).toBe('2024-03-01T00:00:00.000Z');
    expect(normaliseValue('2024-03-01T00:00:00Z', dt)).toBe('2024-03-01T00:00:00.000Z');
    expect(normaliseValue('2024-03-01T01:30:00.123456+0130', dt)).toBe('2024-03-01T00:00:00.123Z');
    expect(normaliseValue('2024-03-01', dt)).toBe('2024-02-29T16:00:00.000Z');
    expect(normaliseValue('2023-02-29 10:00', dt)).toBe('2023-02-29 10:00');
    expect(normaliseValue('1709251200', ts)).toBe('2024-03-01T00:00:00.000Z');
    expect(normaliseValue('1709251200000', ts)).toBe('2024-03-01T00:00:00.000Z');
    expect(normaliseValue('1709251200', dt)).toBe('1709251200');
  });

  it('maps yes/no words to true/false', () => {
    for (const v of ['是', 'true', 'TRUE', '1', 'Y', 'y', 'yes'])
      expect(normaliseValue(v, bool)).toBe('true');
    for (const v of ['否', 'false', '0', 'N', 'no']) expect(normaliseValue(v, bool)).toBe('false');
    expect(normaliseValue('maybe', bool)).toBe('maybe');
  });

  it('drops line breaks from base64', () => {
    expect(normaliseValue('QUJD\nREVG\r\n', bin)).toBe('QUJDREVG');
  });

  it('reads stray numbers and objects as text instead of throwing', () => {
    expect(normaliseValue(42 as unknown as string, num)).toBe('42');
    expect(normaliseValue({ a: 1 } as unknown as string, text)).toBe('{"a":1}');
  });
});

describe('dates', () => {
  it('toIsoDate pads and refuses mixed separators', () => {
    expect(toIsoDate('2024-2-9')).toBe('2024-02-09');
    expect(toIsoDate('2024年02月09')).toBe('2024-02-09');
    expect(toIsoDate('2024/02-09')).toBeUndefined();
    expect(toIsoDate('24-02-09')).toBeUndefined();
  });

  it('toIsoDateTime refuses impossible dates, times and zones', () => {
    expect(toIsoDateTime('2024-02-30 10:00')).toBeUndefined();
    expect(toIsoDateTime('2024-02-28 24:00')).toBeUndefined();
    expect(toIsoDateTime('2024-02-28 10:60')).toBeUndefined();
    expect(toIsoDateTime('2024-02-28T10:00+15:00')).toBeUndefined();
    expect(toIsoDateTime('0001-01-01 07:00')).toBeUndefined(); // before year 1 in UTC
    expect(toIsoDateTime('0099-06-01T00:00:00Z')).toBe('0099-06-01T00:00:00.000Z'); // not 1999
    expect(toIsoDateTime('2024-02-28t10:00z')).toBeUndefined();
  });
});
