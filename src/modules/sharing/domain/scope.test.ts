import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atLeast, type MaskSpec } from '../../catalogue/domain/masking/index.js';
import {
  defaultPolicyTable,
  normaliseResource,
  resourceInputSchema,
  type ResourceDoc,
} from '../../catalogue/domain/resource/index.js';
import {
  addDays,
  allowedMethods,
  checkScopeRules,
  defaultScopeInput,
  lastValidDay,
  type ScopeInput,
} from './scope.js';
import { requiredMaskFor } from './grant-masks.js';

// Unit tests of the scope rules (docs/sharing.md "Grants"); the service tests run them end to end.

const policy = defaultPolicyTable();

function doc(): ResourceDoc {
  const input = resourceInputSchema.parse({
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
      {
        name: 'note',
        label: '备注',
        dataType: 'string',
        length: 100,
        nationalLevel: 'general3',
        shareType: 'none',
      },
      { name: 'region', label: '区划', dataType: 'string', length: 6, nationalLevel: 'general2' },
      {
        name: 'secret_code',
        label: '内部编码',
        dataType: 'string',
        length: 10,
        nationalLevel: 'general4',
        piiKind: 'other',
      },
    ],
    share: {
      type: 'conditional',
      condition: '仅用于身份核验',
      methods: ['api', 'verification'],
      basis: '某条例',
    },
    open: { type: 'closed', reason: { kind: 'sensitive', text: '涉及个人信息' } },
    updateCycle: 'daily',
    contact: { name: '王敏', phone: '0571-87001234' },
  });
  const r = normaliseResource(input, policy);
  expect(r.issues).toEqual([]);
  return r.doc;
}

const D = doc();
const req = {
  items: ['I001', 'I002', 'I003', 'I004', 'I005'],
  methods: ['api', 'package'],
  durationDays: 365,
  clientIds: ['0190a000-0000-7000-8000-000000000001', '0190a000-0000-7000-8000-000000000002'],
  purpose: '最低生活保障资格审核',
};
const today = '2026-03-02';
const facts = { req, doc: D, policy, today };

function input(over: Partial<ScopeInput> = {}): ScopeInput {
  return {
    items: [{ code: 'I003' }],
    loosenReasons: {},
    rateLimitPerMinute: null,
    dailyRowQuota: null,
    ipRanges: [],
    ...over,
  };
}
function violations(i: ScopeInput) {
  const r = checkScopeRules(i, facts);
  return r.ok ? [] : r.violations.map((v) => `${v.field}:${v.code}`);
}

describe('grant scope rules', () => {
  it('fills defaults: default masks, requested methods, clients, purpose and the whole duration', () => {
    const r = checkScopeRules(input({ items: [{ code: 'I001' }, { code: 'I003' }] }), facts);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scope.items).toEqual([
      { code: 'I001', mask: { kind: 'idNumber', keepFirst: 1, keepLast: 2 } },
      { code: 'I003', mask: { kind: 'clear' } },
    ]);
    expect(r.scope.methods).toEqual(['api', 'package']);
    expect(r.scope.validFrom).toBe(today);
    expect(r.scope.validUntil).toBe('2027-03-01');
    expect(r.scope.clientIds).toEqual(req.clientIds);
    expect(r.scope.purpose).toBe(req.purpose);
    expect(r.scope.rowFilter).toBeNull();
  });

  it('never grants more items than requested, unknown items, duplicates or 不予共享 items', () => {
    expect(violations(input({ items: [{ code: 'I006' }] }))).toEqual(['scope.items[0].code:NOT_REQUESTED']);
    expect(violations(input({ items: [{ code: 'I004' }] }))).toEqual(['scope.items[0].code:NOT_SHAREABLE']);
    expect(violations(input({ items: [{ code: 'I003' }, { code: 'I003' }] }))).toEqual([
      'scope.items[1].code:DUPLICATE',
    ]);
    expect(violations(input({ items: [] }))).toContain('scope.items:TOO_SMALL');
  });

  it('lets a mask be strengthened at will', () => {
    expect(
      violations(
        input({
          items: [
            { code: 'I001', mask: { kind: 'hash' } },
            { code: 'I003', mask: { kind: 'null' } },
          ],
        }),
      ),
    ).toEqual([]);
  });

  it('refuses loosening below the default without a reason, and keeps the reason when given', () => {
    // gender (一般1, no PII) defaults to clear: nothing is weaker. The region item too; use the name item
    // at a level whose policy asks for no minimum: a 一般2 copy of the document.
    const d2 = structuredClone(D);
    d2.items[1]!.nationalLevel = 'general2';
    const f2 = { ...facts, doc: d2 };
    const loosen = input({ items: [{ code: 'I002', mask: { kind: 'clear' } }] });
    const r1 = checkScopeRules(loosen, f2);
    expect(r1.ok ? [] : r1.violations.map((v) => `${v.field}:${v.code}`)).toEqual([
      'scope.items[0].mask:LOOSEN_REASON_REQUIRED',
    ]);
    const r2 = checkScopeRules(
      { ...loosen, loosenReasons: { I002: '需要完整姓名比对', I003: 'not loosened' } },
      f2,
    );
    expect(r2.ok).toBe(true);
    if (r2.ok) expect(r2.scope.loosenReasons).toEqual({ I002: '需要完整姓名比对' });
  });

  it('never goes below the policy minimum, even with a reason', () => {
    const v = violations(
      input({ items: [{ code: 'I001', mask: { kind: 'clear' } }], loosenReasons: { I001: '需要完整号码' } }),
    );
    expect(v).toEqual(['scope.items[0].mask:BELOW_POLICY_MINIMUM']);
    // A partial mask that shows more than the minimum is below it too.
    expect(
      violations(
        input({
          items: [{ code: 'I001', mask: { kind: 'idNumber', keepFirst: 6, keepLast: 4 } }],
          loosenReasons: { I001: 'x' },
        }),
      ),
    ).toEqual(['scope.items[0].mask:BELOW_POLICY_MINIMUM']);
  });

  it('rejects malformed masks', () => {
    expect(violations(input({ items: [{ code: 'I003', mask: { kind: 'rot13' } }] }))).toEqual([
      'scope.items[0].mask:INVALID_MASK',
    ]);
  });

  it('parses the row filter against the resource items and reports its problems under scope.rowFilter', () => {
    const ok = checkScopeRules(input({ rowFilter: { eq: { item: 'I005', value: '330106' } } }), facts);
    expect(ok.ok && ok.scope.rowFilter).toEqual({ eq: { item: 'I005', value: '330106' } });
    const v = violations(input({ rowFilter: { eq: { item: 'I999', value: 'x' } } }));
    expect(v.every((f) => f.startsWith('scope.rowFilter'))).toBe(true);
    expect(v.some((f) => f.endsWith(':UNKNOWN_ITEM'))).toBe(true);
    // Range and prefix on an encrypted item (一般3) are refused.
    expect(
      violations(input({ rowFilter: { prefix: { item: 'I001', value: '3301' } } })).some((f) =>
        f.endsWith(':ENCRYPTED'),
      ),
    ).toBe(true);
  });

  it('keeps methods within requested ∩ allowed by format and every granted item level', () => {
    expect(violations(input({ methods: ['subscription'] }))).toEqual(['scope.methods[0]:NOT_REQUESTED']);
    // 一般4 allows api, verification and sandbox only: package is not allowed once I006 is granted.
    const f = { ...facts, req: { ...req, items: [...req.items, 'I006'] } };
    const r = checkScopeRules(input({ items: [{ code: 'I006' }], methods: ['package'] }), f);
    expect(r.ok ? [] : r.violations.map((x) => `${x.field}:${x.code}`)).toEqual([
      'scope.methods[0]:NOT_ALLOWED',
    ]);
    expect(allowedMethods(D, [D.items[5]!], policy)).toEqual(['api', 'verification', 'sandbox']);
  });

  it('keeps validity within [decision date, + duration)', () => {
    expect(violations(input({ validFrom: '2026-03-01' }))).toEqual(['scope.validFrom:BEFORE_DECISION']);
    expect(violations(input({ validUntil: '2027-03-02' }))).toEqual(['scope.validUntil:BEYOND_REQUEST']);
    expect(violations(input({ validUntil: '2027-03-01' }))).toEqual([]);
    expect(violations(input({ validFrom: '2026-05-01', validUntil: '2026-04-01' }))).toEqual([
      'scope.validUntil:BEFORE_START',
    ]);
  });

  it('binds only requested clients and needs one for machine methods; checks IP ranges', () => {
    expect(violations(input({ clientIds: ['0190a000-0000-7000-8000-000000000009'] }))).toEqual([
      'scope.clientIds[0]:NOT_REQUESTED',
    ]);
    expect(violations(input({ clientIds: [] }))).toEqual(['scope.clientIds:TOO_SMALL']);
    expect(violations(input({ clientIds: [], methods: ['package'] }))).toEqual([]);
    expect(violations(input({ ipRanges: ['10.1.0.0/16', '300.1.1.1', '10.0.0.0/40'] }))).toEqual([
      'scope.ipRanges[1]:INVALID_IP_RANGE',
      'scope.ipRanges[2]:INVALID_IP_RANGE',
    ]);
  });

  it('reports every problem at once', () => {
    const v = violations(
      input({
        items: [{ code: 'I006' }, { code: 'I001', mask: { kind: 'clear' } }],
        methods: ['sandbox'],
        validFrom: '2020-01-01',
      }),
    );
    expect(v).toEqual([
      'scope.items[0].code:NOT_REQUESTED',
      'scope.items[1].mask:BELOW_POLICY_MINIMUM',
      'scope.methods[0]:NOT_REQUESTED',
      'scope.validFrom:BEFORE_DECISION',
    ]);
  });

  it('builds the 无条件共享 defaults from the request', () => {
    const r = checkScopeRules(
      defaultScopeInput({ ...req, items: ['I001', 'I003'], methods: ['api'] }),
      facts,
    );
    expect(r.ok && r.scope.items.map((i) => i.code)).toEqual(['I001', 'I003']);
    expect(r.ok && r.scope.methods).toEqual(['api']);
  });

  it('counts days in calendar days, inclusive', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(lastValidDay('2026-12-01', 365)).toBe('2027-11-30');
  });
});

describe('grant scope rules (properties)', () => {
  // Mostly plausible proposals (so that many pass), with a share of everything the rules must refuse.
  const often = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) =>
    fc.oneof({ arbitrary: good, weight: 9 }, { arbitrary: bad, weight: 1 });
  const code = often(
    fc.constantFrom('I001', 'I002', 'I003', 'I005'),
    fc.constantFrom('I004', 'I006', 'I999'),
  );
  const mask = often<unknown>(
    fc.constantFrom(undefined, { kind: 'hash' }, { kind: 'null' }, { kind: 'name' }, { kind: 'clear' }),
    fc.constantFrom(
      { kind: 'keep', first: 3, last: 4 },
      { kind: 'idNumber', keepFirst: 6, keepLast: 4 },
      { kind: 'bogus' },
    ),
  );
  const proposal = fc.record({
    items: fc.uniqueArray(fc.record({ code, mask }), { selector: (e) => e.code, minLength: 1, maxLength: 4 }),
    reasons: fc.subarray(['I001', 'I002', 'I003', 'I005']),
    methods: fc.option(
      often(fc.subarray(['api', 'package'], { minLength: 1 }), fc.constant<string[]>(['sandbox'])),
      {
        nil: undefined,
      },
    ),
    clientIds: fc.option(
      often(
        fc.subarray(req.clientIds, { minLength: 1 }),
        fc.constant<string[]>(['0190a000-0000-7000-8000-000000000009']),
      ),
      { nil: undefined },
    ),
    until: often(fc.integer({ min: 0, max: 364 }), fc.constantFrom(-1, 365, 400)),
  });

  it('an accepted scope is never wider than the request and never below the policy minimum', () => {
    let accepted = 0;
    fc.assert(
      fc.property(proposal, (p) => {
        const r = checkScopeRules(
          input({
            items: p.items.map((i) => (i.mask === undefined ? { code: i.code } : i)),
            loosenReasons: Object.fromEntries(p.reasons.map((c) => [c, '理由'])),
            ...(p.methods && { methods: p.methods }),
            ...(p.clientIds && { clientIds: p.clientIds }),
            validUntil: addDays(today, p.until),
          }),
          facts,
        );
        if (!r.ok) return;
        accepted++;
        const byCode = new Map(D.items.map((i) => [i.code, i]));
        for (const g of r.scope.items) {
          const item = byCode.get(g.code)!;
          expect(req.items).toContain(g.code);
          expect(item.effectiveShareType).not.toBe('none');
          const min = requiredMaskFor(item, policy);
          if (min) expect(atLeast(g.mask as MaskSpec, min)).toBe(true);
          if (!atLeast(g.mask as MaskSpec, item.defaultMask))
            expect(r.scope.loosenReasons[g.code]).toBeDefined();
        }
        for (const m of r.scope.methods) expect(req.methods).toContain(m);
        for (const c of r.scope.clientIds) expect(req.clientIds).toContain(c);
        expect(r.scope.validFrom >= today).toBe(true);
        expect(r.scope.validUntil <= lastValidDay(today, req.durationDays)).toBe(true);
        expect(r.scope.validUntil >= r.scope.validFrom).toBe(true);
      }),
      { numRuns: 500 },
    );
    // The property must not hold vacuously.
    expect(accepted).toBeGreaterThan(25);
  });
});
