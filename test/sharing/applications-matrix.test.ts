import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicyTable, METHODS } from '../../src/modules/catalogue/index.js';
import { testEngines } from '../support/engines.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { populationBody, publish } from '../catalogue/catalogue-fixtures.js';
import { createApp, ok, violations } from './applications-support.js';
import { buildSharingWorld, type SharingWorld } from './sharing-fixtures.js';

const engines = await testEngines();

type Level = 'general1' | 'general2' | 'general3' | 'general4' | 'important' | 'core';
const LEVELS: Level[] = ['general1', 'general2', 'general3', 'general4', 'important', 'core'];
const table = defaultPolicyTable();

// A resource with a 一般1 item (I001), an item of the level under test (I002) and a 不予共享 item (I003).
function levelBody(
  level: Level,
  shareType: 'unconditional' | 'conditional',
  n: number,
): Record<string, unknown> {
  return populationBody({
    classification: { category: 'theme', item: '03', catalog: String(100 + n).padStart(3, '0') },
    name: `分级测试资源${n}`,
    items: [
      {
        name: 'seq_no',
        label: '序号',
        dataType: 'string',
        length: 20,
        primaryKey: true,
        nationalLevel: 'general1',
      },
      { name: 'graded', label: '分级项', dataType: 'string', length: 20, nationalLevel: level },
      {
        name: 'closed_note',
        label: '不予共享项',
        dataType: 'string',
        length: 20,
        nationalLevel: 'general1',
        shareType: 'none',
      },
    ],
    share: {
      type: shareType,
      methods: ['verification'],
      ...(shareType === 'conditional' && { condition: '仅用于法定职责', basis: '《政务数据共享条例》' }),
    },
    open: { type: 'closed', reason: { kind: 'sensitive', text: '涉及敏感信息' } },
  });
}

// The share type × level × method matrix the default policy table distinguishes, end to end on each engine:
// 不予共享 items are refused at every level; methods follow the level (一般1–3 any, 一般4 api/verification/
// sandbox, 重要/核心 verification/sandbox); 无条件 parts are approved at once; 重要/核心 go to pre-review.
describe.each(engines)('the submission matrix on %s', (engine) => {
  let t: TestPlatform;
  let w: SharingWorld;
  const conditional = new Map<Level, string>();
  const unconditional = new Map<Level, string>();
  beforeAll(async () => {
    t = await startTestPlatform(engine);
    w = await buildSharingWorld(t);
    let n = 0;
    for (const level of LEVELS) {
      conditional.set(
        level,
        await publish(t, w.tokens.steward, w.tokens.reviewer, levelBody(level, 'conditional', n++)),
      );
      if (table.levels[level].shareTypes.includes('unconditional'))
        unconditional.set(
          level,
          await publish(t, w.tokens.steward, w.tokens.reviewer, levelBody(level, 'unconditional', n++)),
        );
    }
  });
  afterAll(async () => t.close());

  for (const level of LEVELS) {
    it(`${level}: methods by level, 不予共享 refused, review path by share type`, async () => {
      const allowed = table.levels[level].methods as readonly string[];
      const resourceId = conditional.get(level)!;
      for (const m of METHODS) {
        const res = await createApp(t, w, [{ resourceId, items: ['I001', 'I002'], methods: [m] }]);
        if (allowed.includes(m)) {
          const app = await ok(Promise.resolve(res), 201);
          expect(app.status, `${level} ${m}`).toBe(table.levels[level].bureauReview ? 'prereview' : 'review');
          expect(app.parts[0]!.status).toBe('pending');
        } else {
          expect(violations(res), `${level} ${m}`).toEqual([['parts[0].methods[0]', 'METHOD_LEVEL']]);
        }
      }
      // The 一般1 item alone is never limited by the level of an item not requested.
      for (const m of METHODS)
        await ok(createApp(t, w, [{ resourceId, items: ['I001'], methods: [m] }]), 201);
      expect(
        violations(await createApp(t, w, [{ resourceId, items: ['I003'], methods: ['verification'] }])),
      ).toEqual([['parts[0].items[0]', 'SHARE_TYPE_NONE']]);
      const open = unconditional.get(level);
      if (open) {
        const app = await ok(
          createApp(t, w, [{ resourceId: open, items: ['I001', 'I002'], methods: ['api'] }]),
          201,
        );
        expect(app).toMatchObject({
          status: 'decided',
          parts: [{ status: 'approved', unconditional: true }],
        });
        expect(
          violations(await createApp(t, w, [{ resourceId: open, items: ['I003'], methods: ['api'] }])),
        ).toEqual([['parts[0].items[0]', 'SHARE_TYPE_NONE']]);
      }
    });
  }
});
