import { describe, expect, it } from 'vitest';
import { ruleSchema, ruleSpecSchema } from './rules.js';

describe('ruleSpecSchema', () => {
  it('parses every kind', () => {
    const specs = [
      { kind: 'notNull' },
      { kind: 'maxLength', max: 10 },
      { kind: 'idNumber' },
      { kind: 'uscc' },
      { kind: 'orgCode' },
      { kind: 'region' },
      { kind: 'mobile' },
      { kind: 'landline' },
      { kind: 'phone' },
      { kind: 'email' },
      { kind: 'date', min: '1900-01-01', max: 'today' },
      { kind: 'datetime', min: '2024-01-01 00:00', max: '2024-12-31T23:59:59Z' },
      { kind: 'codeList', values: ['01', '02'] },
      { kind: 'regex', pattern: '\\d{6}', flags: 'i' },
      { kind: 'range', min: 0 },
      { kind: 'unique' },
      { kind: 'idBirthDate', idItem: 'sfzh', birthItem: 'csrq' },
      { kind: 'idGender', idItem: 'sfzh', genderItem: 'xb', male: ['1'], female: ['2'] },
      { kind: 'idRegion', idItem: 'sfzh', regionItem: 'hjd' },
      { kind: 'reference', resourceCode: '102001-91310110666007217T-00001', item: 'tyshxydm' },
    ];
    for (const s of specs) expect(ruleSpecSchema.parse(s)).toEqual(s);
  });

  it('refuses unknown kinds, extra fields and unreal dates', () => {
    expect(ruleSpecSchema.safeParse({ kind: 'luhn' }).success).toBe(false);
    expect(ruleSpecSchema.safeParse({ kind: 'notNull', extra: 1 }).success).toBe(false);
    expect(ruleSpecSchema.safeParse({ kind: 'date', min: '2023-02-29' }).success).toBe(false);
    expect(ruleSpecSchema.safeParse({ kind: 'datetime', min: 'tomorrow' }).success).toBe(false);
    expect(ruleSpecSchema.safeParse({ kind: 'codeList', values: [] }).success).toBe(false);
  });
});

describe('ruleSchema (steward rules)', () => {
  it('fills severity by kind and origin steward', () => {
    expect(
      ruleSchema.parse({ id: 'mz-code', items: ['mz'], spec: { kind: 'codeList', values: ['01'] } }),
    ).toEqual({
      id: 'mz-code',
      items: ['mz'],
      spec: { kind: 'codeList', values: ['01'] },
      severity: 'reject',
      origin: 'steward',
    });
    const cross = ruleSchema.parse({
      id: 'birth',
      spec: { kind: 'idBirthDate', idItem: 'sfzh', birthItem: 'csrq' },
    });
    expect(cross).toMatchObject({ items: ['sfzh', 'csrq'], severity: 'warn' });
  });

  it('refuses ids of generated rules', () => {
    for (const id of ['gen:sfzh:idNumber', 'type:sfzh']) {
      const r = ruleSchema.safeParse({ id, items: ['sfzh'], spec: { kind: 'notNull' } });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toMatch(/reserved for generated rules/);
    }
  });

  it('refuses catastrophic regexes with a clear error', () => {
    const r = ruleSchema.safeParse({ id: 'bad', items: ['x'], spec: { kind: 'regex', pattern: '(a+)+$' } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ['spec', 'pattern'] });
    expect(r.error?.issues[0]?.message).toMatch(/nested quantifiers/);
    const syntax = ruleSchema.safeParse({ id: 'bad', items: ['x'], spec: { kind: 'regex', pattern: '[a-' } });
    expect(syntax.error?.issues[0]?.message).toBe('must be a valid regular expression');
  });

  it('checks bounds, items and the informational severity', () => {
    const bad = (rule: unknown) => ruleSchema.safeParse(rule).error?.issues.map((i) => i.message) ?? [];
    expect(bad({ id: 'r', items: ['x'], spec: { kind: 'range', min: 5, max: 1 } })).toContain(
      'min must not be greater than max',
    );
    expect(bad({ id: 'r', items: ['x'], spec: { kind: 'range' } })).toContain(
      'a range needs min, max or both',
    );
    expect(
      bad({ id: 'r', items: ['x'], spec: { kind: 'date', min: '2024-01-02', max: '2024-01-01' } }),
    ).toHaveLength(1);
    expect(
      bad({
        id: 'r',
        items: ['x'],
        spec: { kind: 'datetime', min: '2024-01-01T08:00', max: '2024-01-01T00:30Z' },
      }),
    ).toHaveLength(0); // 08:00 in Beijing is 00:00 UTC
    expect(bad({ id: 'r', spec: { kind: 'notNull' } })).toContain('items are required');
    expect(
      bad({ id: 'r', items: ['a', 'b'], spec: { kind: 'idBirthDate', idItem: 'sfzh', birthItem: 'csrq' } }),
    ).toContain('must be [sfzh, csrq] for this kind');
    expect(
      bad({ id: 'r', severity: 'reject', spec: { kind: 'idRegion', idItem: 'sfzh', regionItem: 'hjd' } }),
    ).toContain('this rule is informational and only warns');
    expect(
      bad({ id: 'r', spec: { kind: 'idGender', idItem: 'a', genderItem: 'b', male: ['1'], female: ['1'] } }),
    ).toContain('a value cannot mean both male and female');
    expect(
      bad({ id: 'r', items: ['a', 'b'], spec: { kind: 'reference', resourceCode: 'X', item: 'y' } }),
    ).toContain('a reference rule checks exactly one item');
  });
});
