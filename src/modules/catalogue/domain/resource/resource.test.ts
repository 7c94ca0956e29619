import { describe, expect, it } from 'vitest';
import {
  checkPolicy,
  defaultPolicyTable,
  diffVersions,
  needsBureauReview,
  normaliseResource,
  policyTableSchema,
  resourceCode,
  resourceInputSchema,
  type ResourceInput,
} from './index.js';

const base = (): ResourceInput => ({
  classification: { category: 'basic', item: '01', catalog: '001' },
  name: '人口基本信息',
  summary: '户籍人口的基本信息',
  format: 'table',
  items: [
    {
      name: 'id_number',
      label: '身份证号',
      dataType: 'string',
      length: 18,
      primaryKey: true,
      piiKind: 'idNumber',
      nationalLevel: 'general3',
    },
    {
      name: 'name',
      label: '姓名',
      dataType: 'string',
      length: 50,
      piiKind: 'name',
      nationalLevel: 'general3',
    },
    { name: 'gender', label: '性别', dataType: 'string', length: 1, nationalLevel: 'general1' },
  ],
  share: {
    type: 'conditional',
    condition: '用于政务服务身份核验',
    methods: ['api', 'verification'],
    basis: '《政务数据共享条例》',
  },
  open: { type: 'closed', reason: { kind: 'sensitive', text: '涉及个人信息' } },
  updateCycle: 'daily',
  contact: { name: '张三', phone: '0571-87000000' },
});

function norm(input: ResourceInput, prev = null as ReturnType<typeof normaliseResource>['doc'] | null) {
  return normaliseResource(resourceInputSchema.parse(input), defaultPolicyTable(), prev);
}

describe('resource normalisation', () => {
  it('resolves defaults, levels on both scales and the resource level (就高从严)', () => {
    const { doc, issues } = norm(base());
    expect(issues).toEqual([]);
    expect(doc.classification.code).toBe('101001');
    expect(doc.level).toBe('general3');
    expect(doc.provincialLevel).toBe('L3');
    expect(doc.items.map((i) => i.code)).toEqual(['I001', 'I002', 'I003']);
    expect(doc.items[0]!.nullable).toBe(false);
    expect(doc.items[0]!.defaultMask).toEqual({ kind: 'idNumber', keepFirst: 1, keepLast: 2 });
    expect(doc.items[2]!.defaultMask).toEqual({ kind: 'clear' });
    expect(doc.items[2]!.provincialLevel).toBe('L1');
    expect(doc.items[2]!.effectiveShareType).toBe('conditional');
  });

  it('takes the stricter of two scales and derives national from provincial', () => {
    const i = base();
    i.items[2] = { ...i.items[2]!, nationalLevel: 'general1', provincialLevel: 'L4' };
    i.items.push({ name: 'photo', label: '照片', dataType: 'binary', provincialLevel: 'L2' });
    const { doc } = norm(i);
    expect(doc.items[2]!.nationalLevel).toBe('general4');
    expect(doc.items[3]!.nationalLevel).toBe('general2');
    expect(doc.level).toBe('general4');
  });

  it('reports structural problems field by field', () => {
    const i = base();
    i.share = { type: 'conditional', methods: ['package'] };
    i.format = 'file';
    i.open = { type: 'conditional' };
    i.items.push({ name: 'gender', label: 'x', dataType: 'date', length: 3 } as never);
    const fields = norm(i).issues.map((x) => `${x.field}:${x.code}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        'share.condition:REQUIRED',
        'share.basis:REQUIRED',
        'open.condition:REQUIRED',
        'open.reason:REQUIRED',
        'items.3.name:DUPLICATE',
        'items.3.length:NOT_APPLICABLE',
        'items.3.nationalLevel:REQUIRED',
      ]),
    );
  });

  it('refuses methods the format cannot carry and unknown classes', () => {
    const i = base();
    i.format = 'api';
    i.share.methods = ['package'];
    i.classification.item = '09';
    const codes = norm(i).issues.map((x) => x.code);
    expect(codes).toContain('METHOD_FORMAT');
    expect(codes).toContain('UNKNOWN_CLASS');
  });

  it('keeps item codes stable across versions and never reuses a removed code', () => {
    const v1 = norm(base()).doc;
    const i = base();
    i.items = [
      i.items[0]!,
      i.items[2]!,
      { name: 'nation', label: '民族', dataType: 'string', nationalLevel: 'general1' },
    ];
    const v2 = norm(i, v1).doc;
    expect(v2.items.map((x) => [x.name, x.code])).toEqual([
      ['id_number', 'I001'],
      ['gender', 'I003'],
      ['nation', 'I004'],
    ]);
  });
});

describe('level policy', () => {
  it('refuses an L4 item in a 无条件共享 resource with an explanation', () => {
    const i = base();
    i.share = { type: 'unconditional', methods: ['api'] };
    i.items[1] = { ...i.items[1]!, nationalLevel: 'general4' };
    const v = checkPolicy(norm(i).doc, defaultPolicyTable());
    expect(v.map((x) => x.code)).toContain('SHARE_TYPE');
    expect(v.find((x) => x.code === 'SHARE_TYPE')!.message).toMatch(/一般4.*name.*无条件共享/);
  });

  it('forbids opening 一般3 unconditionally and any opening of 一般4', () => {
    const i = base();
    i.open = { type: 'open' };
    expect(checkPolicy(norm(i).doc, defaultPolicyTable()).map((x) => x.code)).toEqual(['OPEN_TYPE']);
    i.open = { type: 'conditional', condition: '经审批', reason: { kind: 'sensitive', text: '个人信息' } };
    expect(checkPolicy(norm(i).doc, defaultPolicyTable())).toEqual([]);
    i.items[0] = { ...i.items[0]!, nationalLevel: 'general4' };
    expect(checkPolicy(norm(i).doc, defaultPolicyTable()).map((x) => x.code)).toEqual(['OPEN_TYPE']);
  });

  it('requires the minimum mask per PII kind and level', () => {
    const i = base();
    i.items[1] = { ...i.items[1]!, defaultMask: { kind: 'clear' } };
    const v = checkPolicy(norm(i).doc, defaultPolicyTable());
    expect(v).toEqual([
      expect.objectContaining({ field: 'items.1.defaultMask', code: 'MASK_BELOW_MINIMUM' }),
    ]);
    i.items[1] = { ...i.items[1]!, defaultMask: { kind: 'hash' } };
    expect(checkPolicy(norm(i).doc, defaultPolicyTable())).toEqual([]);
    // At 一般1 a name may travel in clear.
    i.items[1] = { ...i.items[1]!, nationalLevel: 'general1', defaultMask: { kind: 'clear' } };
    expect(checkPolicy(norm(i).doc, defaultPolicyTable())).toEqual([]);
  });

  it('limits methods for 一般4 and 重要, and asks the bureau for 重要', () => {
    const i = base();
    i.share.methods = ['api', 'package'];
    i.items[0] = { ...i.items[0]!, nationalLevel: 'general4' };
    expect(checkPolicy(norm(i).doc, defaultPolicyTable()).map((x) => x.code)).toEqual(['METHOD']);
    const t = defaultPolicyTable();
    i.share.methods = ['verification'];
    i.items[0] = { ...i.items[0]!, nationalLevel: 'important' };
    const doc = norm(i).doc;
    expect(checkPolicy(doc, t)).toEqual([]);
    expect(needsBureauReview(doc, t)).toBe(true);
    expect(needsBureauReview(doc, t, ['gender'])).toBe(false);
  });

  it('validates a policy table: a higher level may not be looser', () => {
    const t = defaultPolicyTable();
    expect(policyTableSchema.safeParse(t).success).toBe(true);
    t.levels.general4.openTypes = ['open', 'closed'];
    const r = policyTableSchema.safeParse(t);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toMatch(/general4/);
  });
});

describe('codes and diffs', () => {
  it('formats resource codes', () => {
    expect(resourceCode('101001', '11330100MB0000000X', 7)).toBe('101001-11330100MB0000000X-00007');
    expect(() => resourceCode('101001', 'x', 100000)).toThrow(RangeError);
  });

  it('diffs added, removed, retyped and restricted items', () => {
    const v1 = norm(base()).doc;
    const i = base();
    i.items = [
      { ...i.items[0]! },
      { ...i.items[1]!, length: 100 },
      { ...i.items[2]!, nationalLevel: 'general3' },
    ];
    i.items.splice(2, 1);
    i.items.push({ name: 'nation', label: '民族', dataType: 'string', nationalLevel: 'general1' });
    i.summary = '新的摘要';
    const d = diffVersions(v1, norm(i, v1).doc);
    expect(d.itemsAdded).toEqual(['nation']);
    expect(d.itemsRemoved).toEqual(['gender']);
    expect(d.itemsRetyped).toEqual(['name']);
    expect(d.fieldsChanged).toEqual(['summary']);
    const j = base();
    j.items[2] = { ...j.items[2]!, nationalLevel: 'general2' };
    expect(diffVersions(v1, norm(j, v1).doc).itemsRestricted).toEqual(['gender']);
    expect(diffVersions(null, v1).itemsAdded).toHaveLength(3);
  });
});
