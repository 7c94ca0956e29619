import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/kernel/index.js';
import { populationBody, publish } from '../catalogue/catalogue-fixtures.js';
import { platformEnv, runCli } from '../support/cli.js';
import { testEngines } from '../support/engines.js';
import { buildWorld, send, type World } from '../support/identity-helpers.js';
import { PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js';

// `orderly ingest` streams a file from disk, runs the job in the CLI process and reports progress on stderr.

const engines = (await testEngines()).slice(0, 1);

describe.each(engines)('orderly ingest on %s', (engine) => {
  let t: TestPlatform;
  let w: World;
  let code: string;
  beforeAll(async () => {
    t = await startTestPlatform(engine);
    w = await buildWorld(t);
    const id = await publish(t, w.tokens.steward, w.tokens.reviewer, populationBody());
    code = (await send(t, 'GET', `/api/v1/catalogue/resources/${id}`, { token: w.tokens.steward })).json<{
      code: string;
    }>().code;
  });
  afterAll(async () => t.close());

  it('loads a file with progress and prints the finished job', { timeout: 120_000 }, async () => {
    const file = path.join(t.testDb.dataDir, '人口.csv');
    const rows = ['公民身份号码,姓名,性别,出生日期'];
    for (let i = 0; i < 300; i++) {
      const birth = `1970-0${(i % 9) + 1}-1${i % 10}`;
      rows.push(`${makeIdNumber('330106', birth, 100 + i)},人${i},${(i % 2) + 1},${birth}`);
    }
    rows.push('bad,坏,1,1970-01-01');
    fs.writeFileSync(file, rows.join('\n') + '\n');
    const env = platformEnv(t, 'ingest');
    expect((await runCli(['login', '-u', 'w.steward', '-p', PASSWORD], env)).code).toBe(0);
    const r = await runCli(['ingest', code, file, '--mode', 'replace'], env);
    expect(r.code, r.stderr).toBe(0);
    const job = JSON.parse(r.stdout) as {
      status: string;
      counts: { read: number; accepted: number; rejected: number };
    };
    expect(job).toMatchObject({ status: 'succeeded', counts: { read: 301, accepted: 300, rejected: 1 } });
    expect(r.stderr).toMatch(/read 301 +accepted 300 +rejected 1 +\d+ rows\/s/);
    const refused = await runCli(['ingest', code, file], platformEnv(t, 'nobody'));
    expect(refused.code).toBe(3);
  });
});
