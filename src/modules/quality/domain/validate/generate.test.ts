import { describe, expect, it } from 'vitest';
import { generateRules, isGenderItem, isHouseholdRegionItem } from './generate.js';
import { personItems, testItem } from './test-items.js';

describe('generateRules', () => {
  it('derives not-null, length, PII, key and cross-field rules for a person resource', () => {
    const rules = generateRules(personItems());
    expect(rules.map((r) => [r.id, r.severity])).toEqual([
      ['gen:sfzh:notNull', 'reject'],
      ['gen:sfzh:maxLength', 'reject'],
      ['gen:sfzh:idNumber', 'reject'],
      ['gen:xm:notNull', 'reject'],
      ['gen:xm:maxLength', 'reject'],
      ['gen:xb:maxLength', 'reject'],
      ['gen:csrq:date', 'warn'],
      ['gen:hjd:maxLength', 'reject'],
      ['gen:sjhm:maxLength', 'reject'],
      ['gen:sjhm:mobile', 'reject'],
      ['gen:sfzh:unique', 'reject'],
      ['gen:sfzh+csrq:idBirthDate', 'warn'],
      ['gen:sfzh+xb:idGender', 'warn'],
      ['gen:sfzh+hjd:idRegion', 'warn'],
    ]);
    expect(rules.every((r) => r.origin === 'generated')).toBe(true);
    expect(rules.find((r) => r.id === 'gen:csrq:date')?.spec).toEqual({
      kind: 'date',
      min: '1900-01-01',
      max: 'today',
    });
    expect(rules.find((r) => r.spec.kind === 'idGender')?.spec).toMatchObject({
      male: ['1', '男', 'M', 'male'],
    });
  });

  it('is deterministic', () => {
    expect(JSON.stringify(generateRules(personItems()))).toBe(JSON.stringify(generateRules(personItems())));
  });

  it('makes one unique tuple of a composite key', () => {
    const rules = generateRules([
      testItem('nd', { primaryKey: true, dataType: 'number' }),
      testItem('dm', { primaryKey: true }),
    ]);
    expect(rules.filter((r) => r.spec.kind === 'unique')).toEqual([
      {
        id: 'gen:nd+dm:unique',
        items: ['nd', 'dm'],
        spec: { kind: 'unique' },
        severity: 'reject',
        origin: 'generated',
      },
    ]);
  });

  it('maps the other PII kinds', () => {
    const rules = generateRules([
      testItem('a', { piiKind: 'uscc' }),
      testItem('b', { piiKind: 'landline' }),
      testItem('c', { piiKind: 'email' }),
      testItem('d', { piiKind: 'name' }),
    ]);
    expect(rules.map((r) => r.id)).toEqual(['gen:a:uscc', 'gen:b:landline', 'gen:c:email']);
  });

  it('adds no cross-field rule when the ID item is ambiguous', () => {
    const items = [...personItems(), testItem('pofzh', { label: '配偶身份证号', piiKind: 'idNumber' })];
    expect(generateRules(items).filter((r) => r.id.includes('+'))).toEqual([]);
  });

  it('recognises gender and household-region items by name or label', () => {
    expect(isGenderItem({ name: 'xb', label: 'x' })).toBe(true);
    expect(isGenderItem({ name: 'person_gender', label: 'x' })).toBe(true);
    expect(isGenderItem({ name: 'a', label: '性别代码' })).toBe(true);
    expect(isGenderItem({ name: 'xbzt', label: '协办状态' })).toBe(false);
    expect(isHouseholdRegionItem({ name: 'hjdq', label: 'x', piiKind: null })).toBe(true);
    expect(isHouseholdRegionItem({ name: 'a', label: '户籍所在地', piiKind: null })).toBe(true);
    expect(isHouseholdRegionItem({ name: 'a', label: '户籍地区划', piiKind: null })).toBe(true);
    expect(isHouseholdRegionItem({ name: 'a', label: '户籍地址', piiKind: null })).toBe(false);
    expect(isHouseholdRegionItem({ name: 'hjd', label: '户籍地', piiKind: 'address' })).toBe(false);
  });
});
