import { describe, expect, it } from 'vitest';
import { checkRegionCode, listChildren, listProvinces, REGION_SNAPSHOT, regionName } from './index.js';

const codes = (s: string) => checkRegionCode(s).issues.map((i) => `${i.severity}:${i.code}`);

describe('checkRegionCode', () => {
  it('recognises the three levels', () => {
    expect(checkRegionCode('110000').value).toEqual({
      code: '110000',
      name: '北京市',
      level: 'province',
      provinceName: '北京市',
    });
    expect(checkRegionCode('110100').value).toEqual({
      code: '110100',
      name: '市辖区',
      level: 'prefecture',
      provinceName: '北京市',
    });
    // 市辖区 is a placeholder, so no city name for Beijing districts; a real prefecture is named.
    expect(checkRegionCode('110105').value).toEqual({
      code: '110105',
      name: '朝阳区',
      level: 'county',
      provinceName: '北京市',
    });
    expect(checkRegionCode('320102').value).toEqual({
      code: '320102',
      name: '玄武区',
      level: 'county',
      provinceName: '江苏省',
      cityName: '南京市',
    });
  });

  it('treats a prefecture-level city without counties as a prefecture', () => {
    expect(checkRegionCode('441900').value?.level).toBe('prefecture');
  });

  it('normalises full-width digits and spaces', () =>
    expect(checkRegionCode(' １１０１０５ ').value?.code).toBe('110105'));

  it('rejects bad formats, unknown provinces and unknown (retired) codes', () => {
    expect(codes('11010')).toEqual(['error:REGION_FORMAT']);
    expect(codes('11010A')).toEqual(['error:REGION_FORMAT']);
    expect(codes('990000')).toEqual(['error:REGION_PROVINCE_UNKNOWN']);
    expect(codes('110103')).toEqual(['error:REGION_UNKNOWN']);
    expect(codes('119900')).toEqual(['error:REGION_UNKNOWN']);
  });
});

describe('region lookups', () => {
  it('names 2-, 4- and 6-digit codes', () => {
    expect(regionName('11')).toBe('北京市');
    expect(regionName('3201')).toBe('南京市');
    expect(regionName('320100')).toBe('南京市');
    expect(regionName('110105')).toBe('朝阳区');
    expect(regionName('999999')).toBeUndefined();
    expect(regionName('')).toBeUndefined();
  });

  it('lists provinces and children with 6-digit codes', () => {
    const provinces = listProvinces();
    expect(provinces).toHaveLength(31);
    expect(provinces[0]).toEqual({ code: '110000', name: '北京市' });
    expect(listChildren('110000')).toEqual([{ code: '110100', name: '市辖区' }]);
    expect(listChildren('11')).toEqual(listChildren('110000'));
    expect(listChildren('320000')).toContainEqual({ code: '320100', name: '南京市' });
    expect(listChildren('320100')).toContainEqual({ code: '320102', name: '玄武区' });
    expect(listChildren('441900')).toEqual([]); // no cycle: the prefecture is its own only county row
    expect(listChildren('110105')).toEqual([]);
    expect(listChildren('nope')).toEqual([]);
  });

  it('hands out copies', () => {
    const list = listChildren('320100');
    const first = list[0];
    if (first) first.name = 'changed';
    list.length = 0;
    expect(listChildren('320100')[0]?.name).toBe('玄武区');
  });

  it('has exactly one entry per level-appropriate code across the table', () => {
    let counties = 0;
    for (const p of listProvinces()) {
      for (const c of listChildren(p.code)) {
        expect(c.code.slice(0, 2)).toBe(p.code.slice(0, 2));
        for (const a of listChildren(c.code)) {
          counties++;
          expect(checkRegionCode(a.code).value?.level).toBe('county');
        }
      }
    }
    expect(counties).toBe(2978 - 3); // 东莞, 中山 and 儋州 are prefectures, not their own children
  });

  it('records its snapshot', () => expect(REGION_SNAPSHOT).toMatchObject({ year: 2023, asOf: '2023-06-30' }));
});
