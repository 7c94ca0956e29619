import { describe, expect, it } from 'vitest';
import { isAppError, makeIdNumber } from '../../../../kernel/index.js';
import { generateRules } from './generate.js';
import type { Rule } from './rules.js';
import { personItems, testItem } from './test-items.js';
import { ruleSetProblems } from './rule-set.js';
import { compileValidator } from './validator.js';

const today = '2025-06-01';
const ID = '11010519491231002X'; // 110105 朝阳区, born 1949-12-31, sequence 002 (even: female)

function personValidator(extra: Rule[] = [], uniqueCap?: number) {
  const items = personItems();
  return compileValidator(items, [...generateRules(items), ...extra], { today, uniqueCap });
}

const good = { sfzh: ID, xm: '张三', xb: '2', csrq: '1949-12-31', hjd: '110105', sjhm: '13800138000' };

describe('compileValidator', () => {
  it('loads a clean row with parsed values and no issues', () => {
    const r = personValidator().validate(good, 1);
    expect(r).toEqual({
      values: { sfzh: ID, xm: '张三', xb: '2', csrq: '1949-12-31', hjd: '110105', sjhm: '13800138000' },
      issues: [],
      rejected: false,
      flagged: false,
    });
  });

  it('normalises before validating: 15-digit ID, lower-case x, full-width mobile, Chinese date', () => {
    const v = personValidator();
    const r = v.validate(
      { ...good, sfzh: '110105491231002', sjhm: '１３８００１３８０００', csrq: '1949年12月31日' },
      1,
    );
    expect(r.issues).toEqual([]);
    expect(r.values).toMatchObject({ sfzh: ID, sjhm: '13800138000', csrq: '1949-12-31' });
    expect(v.validate({ ...good, sfzh: '11010519491231002x' }, 2).values.sfzh).toBe(ID);
  });

  it('rejects a bad ID and quarantines it masked: the raw ID never appears', () => {
    const bad = '110105194912310021';
    const r = personValidator().validate({ ...good, sfzh: bad }, 7);
    expect(r.rejected).toBe(true);
    expect(r.issues).toEqual([
      {
        rowNo: 7,
        item: 'sfzh',
        ruleId: 'gen:sfzh:idNumber',
        kind: 'idNumber',
        severity: 'reject',
        message: 'ID number check character does not match',
        value: '1***************21',
        informational: false,
      },
    ]);
    expect(JSON.stringify(r.issues)).not.toContain(bad);
    expect(JSON.stringify(r.issues)).not.toContain(bad.slice(0, 14));
  });

  it('masks with the PII default even when the item itself is clear, and all-stars for secret items', () => {
    const items = [
      testItem('sfzh', { piiKind: 'idNumber', defaultMask: { kind: 'clear' } }),
      testItem('sfzh2', { piiKind: 'idNumber', defaultMask: { kind: 'pseudonym' } }),
      testItem('mm', { secret: true, length: 3 }),
      testItem('bz', { length: 3 }),
    ];
    const v = compileValidator(items, generateRules(items), { today });
    const r = v.validate({ sfzh: '123', sfzh2: 'abc', mm: 'secret', bz: 'plain text' }, 1);
    expect(r.issues.map((i) => [i.item, i.value])).toEqual([
      ['sfzh', '***'],
      ['sfzh2', '***'],
      ['mm', '******'],
      ['bz', 'plain text'],
    ]);
  });

  it('truncates unmasked values to 200 characters', () => {
    const items = [testItem('bz', { length: 5 })];
    const r = compileValidator(items, generateRules(items), { today }).validate({ bz: '长'.repeat(500) }, 1);
    expect(r.issues[0]?.value).toBe('长'.repeat(200));
  });

  it('reports the type rule as type:<item> and skips further rules on that cell', () => {
    const items = [testItem('nl', { dataType: 'number' })];
    const rules: Rule[] = [
      {
        id: 'age',
        items: ['nl'],
        spec: { kind: 'range', min: 0, max: 150 },
        severity: 'reject',
        origin: 'steward',
      },
    ];
    const r = compileValidator(items, rules, { today }).validate({ nl: 'abc' }, 3);
    expect(r.issues).toEqual([
      expect.objectContaining({
        ruleId: 'type:nl',
        kind: 'type',
        severity: 'reject',
        message: 'Value is not a number',
      }),
    ]);
    expect(r.values.nl).toBeNull();
  });

  it('warns without rejecting: the row loads, flagged', () => {
    const r = personValidator().validate({ ...good, csrq: '1949-12-30', xb: '男' }, 4);
    expect(r.rejected).toBe(false);
    expect(r.flagged).toBe(true);
    expect(r.issues.map((i) => [i.ruleId, i.item, i.severity])).toEqual([
      ['gen:sfzh+csrq:idBirthDate', 'csrq', 'warn'],
      ['gen:sfzh+xb:idGender', 'xb', 'warn'],
    ]);
    // The birth date is masked to its year; the gender is not personal.
    expect(r.issues.map((i) => i.value)).toEqual(['1949', '男']);
  });

  it('treats a region mismatch as informational and compares at the level given', () => {
    // A fresh validator per row: the rows share an ID, which the unique rule would report.
    const v = { validate: (row: Record<string, string>, n: number) => personValidator().validate(row, n) };
    const moved = v.validate({ ...good, hjd: '330106' }, 1);
    expect(moved.issues).toEqual([
      expect.objectContaining({ kind: 'idRegion', severity: 'warn', informational: true, item: 'hjd' }),
    ]);
    expect(v.validate({ ...good, hjd: '110100' }, 2).issues).toEqual([]); // prefecture of 110105
    expect(v.validate({ ...good, hjd: '110000' }, 3).issues).toEqual([]); // province
    expect(v.validate({ ...good, hjd: '北京市朝阳区' }, 4).issues).toEqual([]); // not a code: nothing to compare
  });

  it('compares genders case-insensitively and ignores unknown codes', () => {
    // A fresh validator per row: the rows share an ID, which the unique rule would report.
    const v = { validate: (row: Record<string, string>, n: number) => personValidator().validate(row, n) };
    const male = makeIdNumber('110105', '1980-01-01', 11, 'male');
    expect(v.validate({ ...good, sfzh: male, csrq: '1980-01-01', xb: 'm' }, 1).issues).toEqual([]);
    expect(v.validate({ ...good, sfzh: male, csrq: '1980-01-01', xb: '9' }, 2).issues).toEqual([]);
    expect(v.validate({ ...good, sfzh: male, csrq: '1980-01-01', xb: 'F' }, 3).issues).toHaveLength(1);
  });

  it('warns, not rejects, for an ID with a well-formed region missing from the table', () => {
    const old = makeIdNumber('339999', '1949-12-31', 2);
    const r = personValidator().validate({ ...good, sfzh: old, hjd: '339999' }, 1);
    expect(r.rejected).toBe(false);
    expect(r.issues).toEqual([expect.objectContaining({ ruleId: 'gen:sfzh:idNumber', severity: 'warn' })]);
    expect(JSON.stringify(r.issues)).not.toContain(old);
  });

  it('rejects missing required values; unknown columns are ignored and missing ones are null', () => {
    const r = personValidator().validate({ sfzh: ID, unexpected: 'x', ['__proto__']: 'y' }, 1);
    expect(r.issues).toEqual([
      expect.objectContaining({ ruleId: 'gen:xm:notNull', message: 'Value is required', value: null }),
    ]);
    expect(r.values).toEqual({ sfzh: ID, xm: null, xb: null, csrq: null, hjd: null, sjhm: null });
    expect(Object.keys(r.values)).not.toContain('unexpected');
  });

  it('reports duplicates within the job, and a rejected row does not claim its key', () => {
    const v = personValidator();
    expect(v.validate({ ...good, xm: '' }, 1).rejected).toBe(true); // rejected: key not claimed
    expect(v.validate(good, 2).issues).toEqual([]);
    const dup = v.validate({ ...good, sfzh: '110105491231002' }, 3); // same ID in its 15-digit form
    expect(dup.rejected).toBe(true);
    expect(dup.issues).toEqual([
      expect.objectContaining({
        ruleId: 'gen:sfzh:unique',
        kind: 'unique',
        item: 'sfzh',
        value: '1***************2X',
      }),
    ]);
  });

  it('tracks composite keys as tuples and reports overflow past the cap', () => {
    const items = [
      testItem('nd', { primaryKey: true, dataType: 'number' }),
      testItem('dm', { primaryKey: true }),
    ];
    const v = compileValidator(items, generateRules(items), { today, uniqueCap: 2 });
    expect(v.validate({ nd: '2024', dm: 'a' }, 1).issues).toEqual([]);
    expect(v.validate({ nd: '2024', dm: 'b' }, 2).issues).toEqual([]);
    expect(v.validate({ nd: '2024', dm: 'a' }, 3).issues).toEqual([
      expect.objectContaining({
        item: 'nd+dm',
        message: 'Duplicate value of nd, dm within this load',
        value: null,
      }),
    ]);
    expect(v.uniqueOverflow()).toEqual([]);
    expect(v.validate({ nd: '2025', dm: 'a' }, 4).issues).toEqual([]);
    expect(v.uniqueOverflow()).toEqual(['gen:nd+dm:unique']);
  });

  it('a warn-level unique rule flags duplicates but loads them', () => {
    const items = [testItem('dh')];
    const rules: Rule[] = [
      { id: 'dh-unique', items: ['dh'], spec: { kind: 'unique' }, severity: 'warn', origin: 'steward' },
    ];
    const v = compileValidator(items, rules, { today });
    v.validate({ dh: 'x' }, 1);
    expect(v.validate({ dh: 'x' }, 2)).toMatchObject({ rejected: false, flagged: true });
  });

  it('declares reference rules for the caller and builds their issues', () => {
    const items = [testItem('tyshxydm', { piiKind: 'uscc' }), testItem('fddbrsfzh', { piiKind: 'idNumber' })];
    const rules: Rule[] = [
      {
        id: 'ent-exists',
        items: ['tyshxydm'],
        spec: { kind: 'reference', resourceCode: '102001-91310110666007217T-00001', item: 'tyshxydm' },
        severity: 'reject',
        origin: 'steward',
      },
      {
        id: 'person-exists',
        items: ['fddbrsfzh'],
        spec: { kind: 'reference', resourceCode: '101001-11100000000013338W-00001', item: 'sfzh' },
        severity: 'warn',
        origin: 'steward',
      },
    ];
    const v = compileValidator(items, rules, { today });
    expect(v.referenceChecks).toEqual([
      {
        ruleId: 'ent-exists',
        item: 'tyshxydm',
        resourceCode: '102001-91310110666007217T-00001',
        targetItem: 'tyshxydm',
        severity: 'reject',
      },
      {
        ruleId: 'person-exists',
        item: 'fddbrsfzh',
        resourceCode: '101001-11100000000013338W-00001',
        targetItem: 'sfzh',
        severity: 'warn',
      },
    ]);
    expect(v.validate({ tyshxydm: '91310110666007217T', fddbrsfzh: ID }, 1).issues).toEqual([]);
    expect(v.referenceIssue('ent-exists', 9, '91310110666007217T')).toMatchObject({
      rowNo: 9,
      item: 'tyshxydm',
      kind: 'reference',
      severity: 'reject',
      value: '91310110666007217T', // a company's USCC is public registration data
    });
    expect(v.referenceIssue('person-exists', 9, ID).value).toBe('1***************2X');
    expect(() => v.referenceIssue('nope', 1, 'x')).toThrow(RangeError);
  });

  it('refuses a rule set that names unknown items, repeats ids or uses reserved ids', () => {
    const items = personItems();
    const rules: Rule[] = [
      { id: 'r1', items: ['nope'], spec: { kind: 'notNull' }, severity: 'reject', origin: 'steward' },
      { id: 'r1', items: ['xm'], spec: { kind: 'notNull' }, severity: 'reject', origin: 'steward' },
      { id: 'gen:xm:x', items: ['xm'], spec: { kind: 'notNull' }, severity: 'reject', origin: 'steward' },
      {
        id: 'r3',
        items: ['xm'],
        spec: { kind: 'regex', pattern: '(a*)*' },
        severity: 'reject',
        origin: 'steward',
      },
      {
        id: 'r4',
        items: ['sfzh', 'hjd'],
        spec: { kind: 'idRegion', idItem: 'sfzh', regionItem: 'hjd' },
        severity: 'reject',
        origin: 'steward',
      },
    ];
    let caught: unknown;
    try {
      compileValidator(items, rules, { today });
    } catch (e) {
      caught = e;
    }
    expect(isAppError(caught)).toBe(true);
    const fields = (caught as { details: { fields: { field: string; code: string }[] } }).details.fields;
    expect(fields.map((f) => `${f.field} ${f.code}`)).toEqual([
      'rules.0.items UNKNOWN_ITEM',
      'rules.1.id DUPLICATE_RULE',
      'rules.2.id RESERVED_RULE_ID',
      'rules.3.spec.pattern INVALID_RULE',
      'rules.4.severity INFORMATIONAL_RULE',
    ]);
    expect(() => compileValidator(items, [], { today: '2025-02-30' })).toThrow(RangeError);
    // Stored JSON from an older version: unknown kinds and missing fields are reported, not thrown on.
    const stored = [
      { id: 'old', items: ['xm'], spec: { kind: 'luhn' }, severity: 'reject', origin: 'steward' },
      { id: 'noitems', spec: { kind: 'notNull' }, severity: 'reject', origin: 'steward' },
      { id: 'sev', items: ['xm'], spec: { kind: 'notNull' }, severity: 'fatal', origin: 'steward' },
    ] as unknown as Rule[];
    expect(ruleSetProblems(items, stored).map((f) => `${f.field} ${f.code}`)).toEqual([
      'rules.0.spec INVALID_RULE',
      'rules.1.items NO_ITEMS',
      'rules.2.severity INVALID_RULE',
    ]);
  });

  it('checks steward rules on items of any type', () => {
    const items = [testItem('jgdm'), testItem('xzqh'), testItem('lxdh'), testItem('mz'), testItem('cp')];
    const rule = (
      id: string,
      item: string,
      spec: Rule['spec'],
      severity: Rule['severity'] = 'reject',
    ): Rule => ({
      id,
      items: [item],
      spec,
      severity,
      origin: 'steward',
    });
    const v = compileValidator(
      items,
      [
        rule('org', 'jgdm', { kind: 'orgCode' }),
        rule('region', 'xzqh', { kind: 'region' }),
        rule('phone', 'lxdh', { kind: 'phone' }),
        rule('mz', 'mz', { kind: 'codeList', values: ['01', '02'] }, 'warn'),
        rule('plate', 'cp', { kind: 'regex', pattern: '[\\u4e00-\\u9fa5][A-Z][A-Z0-9]{5,6}' }),
      ],
      { today },
    );
    expect(
      v.validate({ jgdm: 'd2143569-x', xzqh: '330106', lxdh: '0571-88123456', mz: '01', cp: '浙A12345' }, 1)
        .issues,
    ).toEqual([]);
    const r = v.validate({ jgdm: 'D2143569-1', xzqh: '339999', lxdh: '123', mz: '99', cp: 'ZA12345' }, 2);
    expect(r.issues.map((i) => [i.ruleId, i.severity])).toEqual([
      ['org', 'reject'],
      ['region', 'warn'],
      ['phone', 'reject'],
      ['mz', 'warn'],
      ['plate', 'reject'],
    ]);
  });
});
