import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/kernel/index.js';
import { openBody, publish } from '../catalogue/catalogue-fixtures.js';
import { testEngines } from '../support/engines.js';
import { buildWorld, send, type World } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

// A cross-resource reference: a licence's enterprise must exist in the enterprise registry.

const engines = await testEngines();
const uscc = (n: number) =>
  makeUscc('9', '1', '330106', `MA${String(n).padStart(6, '0')}`.padEnd(8, '0') + 'X');

describe.each(engines)('reference rules on %s', (engine) => {
  let t: TestPlatform;
  let w: World;
  const load = async (resourceId: string, csv: string) => {
    const u = (
      await send(t, 'POST', `/api/v1/quality/resources/${resourceId}/uploads?name=x.csv`, {
        token: w.tokens.steward,
        payload: Buffer.from(csv) as unknown as string,
        headers: { 'content-type': 'application/octet-stream' },
      })
    ).json<{ id: string }>();
    const j = (
      await send(t, 'POST', `/api/v1/quality/resources/${resourceId}/jobs`, {
        token: w.tokens.steward,
        payload: { uploadId: u.id },
      })
    ).json<{ id: string }>();
    await t.platform.runner.drain();
    return (await send(t, 'GET', `/api/v1/quality/jobs/${j.id}`, { token: w.tokens.steward })).json<{
      status: string;
      counts: { read: number; rejected: number };
    }>();
  };
  beforeAll(async () => {
    t = await startTestPlatform(engine);
    w = await buildWorld(t);
  });
  afterAll(async () => t.close());

  it('rejects rows whose referenced value is missing from the target resource', async () => {
    const registry = await publish(
      t,
      w.tokens.steward,
      w.tokens.reviewer,
      openBody({
        name: '企业登记',
        classification: { category: 'basic', item: '02', catalog: '001' },
        items: [
          {
            name: 'uscc',
            label: '统一社会信用代码',
            dataType: 'string',
            length: 18,
            primaryKey: true,
            piiKind: 'uscc',
            nationalLevel: 'general1',
          },
          { name: 'company', label: '企业名称', dataType: 'string', length: 100, nationalLevel: 'general1' },
        ],
      }),
    );
    const code = (
      await send(t, 'GET', `/api/v1/catalogue/resources/${registry}`, { token: w.tokens.steward })
    ).json<{ code: string }>().code;
    expect(
      (await load(registry, `统一社会信用代码,企业名称\n${uscc(1)},甲公司\n${uscc(2)},乙公司\n`)).counts
        .rejected,
    ).toBe(0);
    const licences = await publish(
      t,
      w.tokens.steward,
      w.tokens.reviewer,
      openBody({
        name: '许可证',
        classification: { category: 'theme', item: '04', catalog: '001' },
        items: [
          {
            name: 'licence_no',
            label: '许可证号',
            dataType: 'string',
            length: 20,
            primaryKey: true,
            nationalLevel: 'general1',
          },
          {
            name: 'uscc',
            label: '统一社会信用代码',
            dataType: 'string',
            length: 18,
            piiKind: 'uscc',
            nationalLevel: 'general1',
          },
        ],
      }),
    );
    const put = await send(t, 'PUT', `/api/v1/quality/resources/${licences}/rules`, {
      token: w.tokens.steward,
      payload: {
        rules: [
          {
            id: 'ref-uscc',
            items: ['uscc'],
            spec: { kind: 'reference', resourceCode: code, item: 'uscc' },
            severity: 'reject',
          },
        ],
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    const j = await load(
      licences,
      `许可证号,统一社会信用代码\nL1,${uscc(1)}\nL2,${uscc(3)}\nL3,${uscc(2)}\n`,
    );
    expect(j).toMatchObject({ status: 'succeeded', counts: { read: 3, rejected: 1 } });
  });
});
