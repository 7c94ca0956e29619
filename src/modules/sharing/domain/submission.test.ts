import { describe, expect, it } from 'vitest';
import {
  defaultPolicyTable,
  METHODS,
  type Item,
  type NationalLevel,
  type ResourceDoc,
} from '../../catalogue/index.js';
import {
  checkSubmission,
  isUnconditional,
  methodsAllowedByLevels,
  namesOf,
  type PublishedResource,
  type SubmissionContext,
  type SubmissionInput,
} from './submission.js';

const CONSUMER = 'org-consumer';
const PROVIDER = 'org-provider';

function item(code: string, level: NationalLevel, share: Item['effectiveShareType'] = 'conditional'): Item {
  return {
    name: `n_${code}`,
    label: code,
    code,
    dataType: 'string',
    length: 10,
    scale: null,
    nullable: true,
    primaryKey: false,
    piiKind: null,
    nationalLevel: level,
    provincialLevel: 'L1',
    shareType: share,
    effectiveShareType: share,
    secret: false,
    defaultMask: { kind: 'clear' },
    watermarkTolerant: false,
    description: null,
  };
}

function doc(items: Item[], format: ResourceDoc['format'] = 'table'): ResourceDoc {
  return {
    classification: { category: 'basic', item: '01', catalog: '001', detail: null, code: '1.01.001' },
    name: 'r',
    nameEn: null,
    summary: 's',
    format,
    items,
    share: { type: 'conditional', condition: 'c', methods: ['api'], basis: 'b' },
    open: { type: 'closed', condition: null, reason: null },
    updateCycle: 'daily',
    relatedCodes: [],
    tags: [],
    spatial: null,
    contact: { name: 'x', phone: '1', email: null },
    level: 'general3',
    provincialLevel: 'L3',
  };
}

const table = defaultPolicyTable();

function ctx(
  resources: Record<string, PublishedResource>,
  over: Partial<SubmissionContext> = {},
): SubmissionContext {
  return {
    consumerOrgId: CONSUMER,
    maxDurationDays: 1095,
    table,
    resources: new Map(Object.entries(resources)),
    clients: new Map([
      ['c1', { orgId: CONSUMER, status: 'active' }],
      ['c-off', { orgId: CONSUMER, status: 'disabled' }],
      ['c-other', { orgId: PROVIDER, status: 'active' }],
    ]),
    documents: new Set(['sha256:aa']),
    ...over,
  };
}

function input(parts: SubmissionInput['parts'], over: Partial<SubmissionInput> = {}): SubmissionInput {
  return { durationDays: 365, clientIds: ['c1'], documents: [], parts, ...over };
}

const pub = (d: ResourceDoc, orgId = PROVIDER, status = 'published'): PublishedResource => ({
  orgId,
  status,
  doc: d,
});

describe('checkSubmission', () => {
  const r = pub(doc([item('I001', 'general1'), item('I002', 'general3'), item('I003', 'general3', 'none')]));

  it('accepts a valid application', () => {
    expect(
      checkSubmission(input([{ resourceId: 'r', items: ['I001', 'I002'], methods: ['api'] }]), ctx({ r })),
    ).toEqual([]);
  });

  it('names every problem with its field path', () => {
    const v = checkSubmission(
      input(
        [
          { resourceId: 'r', items: ['I001', 'I003', 'I009'], methods: ['api'] },
          { resourceId: 'missing', items: ['I001'], methods: ['api'] },
          { resourceId: 'r', items: ['I001'], methods: ['api'] },
        ],
        {
          durationDays: 2000,
          clientIds: ['c1', 'c-off', 'c-other', 'nope'],
          documents: [{ digest: 'sha256:bb' }],
        },
      ),
      ctx({ r }),
    );
    expect(v.map((x) => [x.field, x.code])).toEqual([
      ['durationDays', 'DURATION'],
      ['clientIds[1]', 'CLIENT_NOT_ACTIVE'],
      ['clientIds[2]', 'CLIENT_NOT_ACTIVE'],
      ['clientIds[3]', 'CLIENT_NOT_ACTIVE'],
      ['documents[0].digest', 'DOCUMENT_UNKNOWN'],
      ['parts[0].items[1]', 'SHARE_TYPE_NONE'],
      ['parts[0].items[2]', 'ITEM_UNKNOWN'],
      ['parts[1].resourceId', 'RESOURCE_NOT_PUBLISHED'],
      ['parts[2].resourceId', 'DUPLICATE_RESOURCE'],
    ]);
  });

  it('uses the part index it is given', () => {
    const v = checkSubmission(
      input([{ resourceId: 'x', items: ['I001'], methods: ['api'], index: 4 }]),
      ctx({ r }),
    );
    expect(v[0]!.field).toBe('parts[4].resourceId');
  });

  it('refuses withdrawn resources and the consumer’s own', () => {
    const v = checkSubmission(
      input([
        { resourceId: 'w', items: ['I001'], methods: ['api'] },
        { resourceId: 'own', items: ['I001'], methods: ['api'] },
      ]),
      ctx({ w: pub(r.doc, PROVIDER, 'withdrawn'), own: pub(r.doc, CONSUMER) }),
    );
    expect(v.map((x) => x.code)).toEqual(['RESOURCE_NOT_PUBLISHED', 'OWN_RESOURCE']);
  });

  it('accepts the maximum duration exactly', () => {
    expect(checkSubmission(input([], { durationDays: 1095 }), ctx({}))).toEqual([]);
  });

  it('needs a client for api, subscription and verification only', () => {
    const noClients = { clientIds: [] };
    for (const m of ['api', 'subscription', 'verification'])
      expect(
        checkSubmission(
          input([{ resourceId: 'r', items: ['I001'], methods: [m] }], noClients),
          ctx({ r }),
        ).map((x) => [x.field, x.code]),
      ).toEqual([['parts[0].methods', 'CLIENT_REQUIRED']]);
    for (const m of ['package', 'sandbox'])
      expect(
        checkSubmission(input([{ resourceId: 'r', items: ['I001'], methods: [m] }], noClients), ctx({ r })),
      ).toEqual([]);
  });

  it('allows by format: files as packages, APIs as calls or verification', () => {
    const file = pub(doc([item('I001', 'general1')], 'file'));
    const api = pub(doc([item('I001', 'general1')], 'api'));
    const codes = (res: PublishedResource, methods: string[]) =>
      checkSubmission(input([{ resourceId: 'x', items: ['I001'], methods }]), ctx({ x: res })).map(
        (v) => v.code,
      );
    expect(codes(file, ['package'])).toEqual([]);
    expect(codes(file, ['api', 'sandbox'])).toEqual(['METHOD_FORMAT', 'METHOD_FORMAT']);
    expect(codes(api, ['api', 'verification'])).toEqual([]);
    expect(codes(api, ['package', 'subscription'])).toEqual(['METHOD_FORMAT', 'METHOD_FORMAT']);
  });

  // The default table distinguishes three method sets: 一般1–3 all, 一般4 api/verification/sandbox,
  // 重要/核心 verification/sandbox. The strictest requested item decides.
  const expected: Record<NationalLevel, string[]> = {
    general1: [...METHODS],
    general2: [...METHODS],
    general3: [...METHODS],
    general4: ['api', 'verification', 'sandbox'],
    important: ['verification', 'sandbox'],
    core: ['verification', 'sandbox'],
  };
  for (const [level, allowed] of Object.entries(expected) as [NationalLevel, string[]][]) {
    it(`level ${level} × every method, alone and with a 一般1 item`, () => {
      const res = pub(doc([item('I001', 'general1'), item('I002', level)]));
      for (const m of METHODS) {
        const v = checkSubmission(
          input([{ resourceId: 'x', items: ['I001', 'I002'], methods: [m] }]),
          ctx({ x: res }),
        );
        expect(
          v.map((x) => x.code),
          `${level} ${m}`,
        ).toEqual(allowed.includes(m) ? [] : ['METHOD_LEVEL']);
        const low = checkSubmission(
          input([{ resourceId: 'x', items: ['I001'], methods: [m] }]),
          ctx({ x: res }),
        );
        expect(low, `${level} ${m} without the item`).toEqual([]);
      }
    });
  }

  it('share type none is refused at every level; conditional and unconditional pass', () => {
    for (const level of Object.keys(expected) as NationalLevel[])
      for (const share of ['unconditional', 'conditional', 'none'] as const) {
        const res = pub(doc([item('I001', level, share)]));
        const v = checkSubmission(
          input([{ resourceId: 'x', items: ['I001'], methods: ['verification'] }]),
          ctx({ x: res }),
        );
        expect(v.map((x) => x.code)).toEqual(share === 'none' ? ['SHARE_TYPE_NONE'] : []);
      }
  });
});

describe('helpers', () => {
  it('methodsAllowedByLevels intersects and is empty without levels', () => {
    expect(methodsAllowedByLevels(table, ['general1', 'general4'])).toEqual([
      'api',
      'verification',
      'sandbox',
    ]);
    expect(methodsAllowedByLevels(table, ['general4', 'important'])).toEqual(['verification', 'sandbox']);
    expect(methodsAllowedByLevels(table, [])).toEqual([]);
  });

  it('isUnconditional needs every requested item unconditional', () => {
    const d = doc([item('I001', 'general1', 'unconditional'), item('I002', 'general1')]);
    expect(isUnconditional(d, ['I001'])).toBe(true);
    expect(isUnconditional(d, ['I001', 'I002'])).toBe(false);
    expect(isUnconditional(d, ['I009'])).toBe(false);
    expect(isUnconditional(d, [])).toBe(false);
  });

  it('namesOf maps codes to names', () => {
    const d = doc([item('I001', 'general1'), item('I002', 'general1')]);
    expect(namesOf(d, ['I002'])).toEqual(['n_I002']);
  });
});
