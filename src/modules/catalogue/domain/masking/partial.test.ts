import { describe, expect, it } from 'vitest';
import { applyMask, type MaskSpec } from './index.js';

const mask = (spec: MaskSpec, value: string | number | null): unknown => applyMask(spec, value);

describe('STANDARDS.md §4 examples, exactly', () => {
  it.each<[MaskSpec, string, string]>([
    [{ kind: 'name' }, '段正淳', '段**'],
    [{ kind: 'idNumber' }, '51343620000320711X', '5***************1X'],
    [{ kind: 'mobile' }, '18049531999', '180****1999'],
    [{ kind: 'landline' }, '09157518479', '0915*****79'],
    [{ kind: 'address' }, '北京市海淀区马连洼街道289号', '北京市海淀区马********'],
    [{ kind: 'email' }, 'duandazhi@126.com', 'd********@126.com'],
    [{ kind: 'bankCard' }, '11011111222233333256', '1101 **** **** **** 3256'],
    [{ kind: 'plate' }, '苏D40000', '苏D4***0'],
    [{ kind: 'plate' }, '粤BD12345', '粤BD****5'],
  ])('%j %s → %s', (spec, input, expected) => {
    expect(mask(spec, input)).toBe(expected);
  });

  it('the default parameters are the STANDARDS ones, and the ID alternative keeps 6 + 4', () => {
    expect(mask({ kind: 'idNumber', keepFirst: 1, keepLast: 2 }, '51343620000320711X')).toBe(
      '5***************1X',
    );
    expect(mask({ kind: 'idNumber', keepFirst: 6, keepLast: 4 }, '51343620000320711X')).toBe(
      '513436********711X',
    );
    expect(mask({ kind: 'address', hideLast: 8 }, '北京市海淀区马连洼街道289号')).toBe(
      '北京市海淀区马********',
    );
    expect(mask({ kind: 'address', hideLast: 12 }, '北京市海淀区马连洼街道289号')).toBe('北京市************');
  });
});

describe('other well-formed values', () => {
  it('names of any length keep the first character', () => {
    expect(mask({ kind: 'name' }, '欧阳娜娜')).toBe('欧***');
    expect(mask({ kind: 'name' }, '阿卜杜·热合曼')).toBe('阿******');
  });
  it('ID numbers: lowercase x, spaces, 15-digit legacy numbers', () => {
    expect(mask({ kind: 'idNumber' }, '51343620000320711x')).toBe('5***************1X');
    expect(mask({ kind: 'idNumber' }, '513436 20000320 711X')).toBe('5***************1X');
    expect(mask({ kind: 'idNumber' }, '110105491231002')).toBe('1************02');
    expect(mask({ kind: 'idNumber', keepFirst: 6, keepLast: 4 }, '110105491231002')).toBe('110105*****1002');
  });
  it('mobiles: separators and country codes are dropped, numbers are accepted', () => {
    expect(mask({ kind: 'mobile' }, '180-4953-1999')).toBe('180****1999');
    expect(mask({ kind: 'mobile' }, '+86 180 4953 1999')).toBe('180****1999');
    expect(mask({ kind: 'mobile' }, 18049531999)).toBe('180****1999');
  });
  it('landlines with separators and 12 digits', () => {
    expect(mask({ kind: 'landline' }, '0915-7518479')).toBe('0915*****79');
    expect(mask({ kind: 'landline' }, '(0571) 8765 4321')).toBe('0571******21');
    expect(mask({ kind: 'landline' }, '010-12345678')).toBe('0101*****78');
  });
  it('bank cards regroup in fours and keep the first four and the last group', () => {
    expect(mask({ kind: 'bankCard' }, '6222 0212 3456 7890')).toBe('6222 **** **** 7890');
    expect(mask({ kind: 'bankCard' }, '6222021234567890123')).toBe('6222 **** **** **** 123');
  });
  it('plates: lowercase, the middle dot and spaces', () => {
    expect(mask({ kind: 'plate' }, '苏d·40000')).toBe('苏D4***0');
    expect(mask({ kind: 'plate' }, '粤B D12345')).toBe('粤BD****5');
  });
  it('e-mail: the last @ separates the domain', () => {
    expect(mask({ kind: 'email' }, 'a@b.cn')).toBe('*@b.cn');
    expect(mask({ kind: 'email' }, '"x@y"@example.org')).toBe('"****@example.org');
  });
  it('keep shows the first and last N code points', () => {
    expect(mask({ kind: 'keep', first: 0, last: 4 }, '6222021234567890')).toBe('************7890');
    expect(mask({ kind: 'keep', first: 4, last: 0 }, '6222021234567890')).toBe('6222************');
    expect(mask({ kind: 'keep', first: 2, last: 2 }, '统一社会信用代码')).toBe('统一****代码');
  });
});

describe('edge cases', () => {
  const partials: MaskSpec[] = [
    { kind: 'name' },
    { kind: 'idNumber' },
    { kind: 'mobile' },
    { kind: 'landline' },
    { kind: 'address' },
    { kind: 'email' },
    { kind: 'bankCard' },
    { kind: 'plate' },
    { kind: 'keep', first: 3, last: 3 },
  ];

  it('null stays null and the empty string stays empty', () => {
    for (const spec of partials) {
      expect(mask(spec, null)).toBeNull();
      expect(mask(spec, '')).toBe('');
      expect(mask(spec, '   ')).toBe('');
    }
  });

  it('a one-character value is hidden whatever the pattern', () => {
    for (const spec of partials) expect(mask(spec, '段')).toBe('*');
    expect(mask({ kind: 'keep', first: 1, last: 1 }, '𠀀')).toBe('*');
  });

  it('short values show fewer characters than the pattern, never more', () => {
    expect(mask({ kind: 'name' }, '段誉')).toBe('段*');
    expect(mask({ kind: 'keep', first: 2, last: 2 }, '段正淳')).toBe('段正*');
    expect(mask({ kind: 'keep', first: 0, last: 4 }, '1999')).toBe('*999');
    expect(mask({ kind: 'mobile' }, '12345678')).toBe('123****8');
    expect(mask({ kind: 'mobile' }, '1234')).toBe('****');
    expect(mask({ kind: 'plate' }, '苏D4')).toBe('***');
    expect(mask({ kind: 'address' }, '北京市海淀区')).toBe('******');
    expect(mask({ kind: 'bankCard' }, '622202123456')).toBe('6222 **** ****');
    expect(mask({ kind: 'idNumber' }, '5134362000')).toBe('**********');
  });

  it('malformed values are masked to at most the pattern, never returned in clear', () => {
    expect(mask({ kind: 'mobile' }, '未知')).toBe('**');
    expect(mask({ kind: 'mobile' }, '1804953199912345')).toBe('180*********2345');
    expect(mask({ kind: 'idNumber' }, '5134362000032071')).toBe('5*************71');
    expect(mask({ kind: 'email' }, 'not-an-email')).toBe('n***********');
    expect(mask({ kind: 'bankCard' }, 'N/A')).toBe('***');
    expect(mask({ kind: 'landline' }, '内线8479')).toBe('内*****');
  });

  it('counts code points: surrogate pairs are one character and are never split', () => {
    expect(mask({ kind: 'name' }, '𠀀𠀁𠀂')).toBe('𠀀**');
    expect(mask({ kind: 'keep', first: 1, last: 1 }, '𠀀a𠀂')).toBe('𠀀*𠀂');
    expect(mask({ kind: 'address', hideLast: 2 }, '𠀀𠀁𠀂')).toBe('𠀀**');
    const out = String(mask({ kind: 'keep', first: 1, last: 0 }, '𠀀𠀁'));
    expect(out).toBe('𠀀*');
    expect(/[\uD800-\uDFFF]/.test(out.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))).toBe(false);
  });

  it('full-width digits and letters are read as half-width, and whitespace is trimmed', () => {
    expect(mask({ kind: 'mobile' }, '１８０４９５３１９９９')).toBe('180****1999');
    const fullWidth = (s: string): string =>
      s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    expect(fullWidth('51343620000320711X')).toBe('５１３４３６２００００３２０７１１Ｘ');
    expect(mask({ kind: 'idNumber' }, fullWidth('51343620000320711X'))).toBe('5***************1X');
    expect(mask({ kind: 'email' }, fullWidth('duandazhi@126.com'))).toBe('d********@126.com');
    expect(mask({ kind: 'name' }, '\u3000段正淳 ')).toBe('段**');
    expect(mask({ kind: 'email' }, ' duandazhi@126.com\t')).toBe('d********@126.com');
  });

  it('numbers are masked through their decimal form', () => {
    expect(mask({ kind: 'bankCard' }, 6222021234567890)).toBe('6222 **** **** 7890');
    expect(mask({ kind: 'keep', first: 1, last: 1 }, 12345)).toBe('1***5');
  });
});
