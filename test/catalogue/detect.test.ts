import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/kernel/index.js';
import { testEngines } from '../support/engines.js';
import { buildWorld, expectError, invalidFields, send, type World } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

const engines = await testEngines();

function sampleCsv(): string {
  const rows = ['姓名,身份证号,手机号,登记日期,备注'];
  const names = [
    '张伟',
    '王芳',
    '李娜',
    '刘洋',
    '陈静',
    '杨磊',
    '赵敏',
    '黄勇',
    '周杰',
    '吴霞',
    '徐斌',
    '孙丽',
  ];
  names.forEach((n, i) => {
    const id = makeIdNumber('330106', `19${70 + i}-0${(i % 9) + 1}-1${i % 10}`, 100 + i);
    rows.push(
      `${n},${id},13${(i % 9) + 1}5710${String(1000 + i * 37).padStart(4, '0')},2024-0${(i % 9) + 1}-15,"第${i}条,含逗号"`,
    );
  });
  return rows.join('\n');
}

describe.each(engines)('detection from a sample on %s', (engine) => {
  let t: TestPlatform;
  let w: World;
  beforeAll(async () => {
    t = await startTestPlatform(engine);
    w = await buildWorld(t);
  });
  afterAll(async () => t.close());

  it('suggests items with PII kinds, levels and masks from the values', async () => {
    const r = await send(t, 'POST', '/api/v1/catalogue/detect', {
      token: w.tokens.steward,
      payload: { csv: sampleCsv() },
    });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.rows).toBe(12);
    const byHeader = Object.fromEntries(body.columns.map((c: { header: string }) => [c.header, c]));
    expect(byHeader['身份证号']).toMatchObject({
      name: 'id_number',
      dataType: 'string',
      length: 18,
      suggestion: { kind: 'idNumber' },
    });
    expect(byHeader['身份证号'].suggestion.mask).toEqual({ kind: 'idNumber', keepFirst: 1, keepLast: 2 });
    expect(byHeader['手机号'].suggestion.kind).toBe('mobile');
    expect(byHeader['姓名'].suggestion.kind).toBe('name');
    expect(byHeader['登记日期']).toMatchObject({ dataType: 'date' });
    expect(byHeader['备注'].suggestion).toBeNull();
    expect(byHeader['备注'].samples).toBe(12);
  });

  it('refuses callers who do not steward, bad CSV and oversize samples', async () => {
    expectError(
      await send(t, 'POST', '/api/v1/catalogue/detect', {
        token: w.tokens.consumer,
        payload: { csv: 'a\n1' },
      }),
      403,
      'FORBIDDEN',
    );
    expect(
      invalidFields(
        await send(t, 'POST', '/api/v1/catalogue/detect', {
          token: w.tokens.steward,
          payload: { csv: 'a,b\n"x' },
        }),
      ),
    ).toEqual(['csv']);
    expect(
      invalidFields(
        await send(t, 'POST', '/api/v1/catalogue/detect', { token: w.tokens.steward, payload: {} }),
      ),
    ).toEqual(['csv']);
  });
});
