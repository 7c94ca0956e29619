import { describe, expect, it } from 'vitest';
import { COMPOUND_SURNAMES, hasKnownSurname, isPersonName } from './names.js';

describe('isPersonName', () => {
  it('accepts 2–4 Han characters after a common or compound surname', () => {
    for (const v of [
      '张三',
      '段正淳',
      '王小明',
      '欧阳娜娜',
      '司马懿',
      '诸葛孔明',
      '申屠英',
      '覃海燕',
      '萧峰',
    ]) {
      expect(isPersonName(v), v).toBe(true);
    }
  });

  it('ignores the padding space of two-character names and accepts ·-joined minority names', () => {
    expect(isPersonName('王\u3000芳')).toBe(true);
    expect(isPersonName('王 芳')).toBe(true);
    expect(isPersonName('阿卜杜拉·买买提')).toBe(true);
  });

  it('rejects organisations, shops, places, ethnic groups and non-Han text', () => {
    for (const v of [
      '王记面馆',
      '樊氏超市',
      '李家小厨店',
      '杭州市',
      '余杭区',
      '苗族',
      '江山市',
      '高新技术产业开发区',
      'Zhang San',
      '张3',
    ]) {
      expect(isPersonName(v), v).toBe(false);
    }
  });

  it('needs a known surname and a given name', () => {
    expect(isPersonName('科长')).toBe(false);
    expect(isPersonName('本科')).toBe(false);
    expect(isPersonName('欧阳')).toBe(false);
    expect(isPersonName('张')).toBe(false);
    expect(isPersonName('张三丰丰丰')).toBe(false);
  });

  it('lists compound surnames of two characters and knows them as surnames', () => {
    for (const s of COMPOUND_SURNAMES) {
      expect(s).toHaveLength(2);
      expect(hasKnownSurname(`${s}某`)).toBe(true);
    }
  });
});
