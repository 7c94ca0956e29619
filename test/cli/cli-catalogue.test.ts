import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { platformEnv, runCli, type CliRun } from '../support/cli.js';
import { testEngines } from '../support/engines.js';
import { buildWorld, send, type World } from '../support/identity-helpers.js';
import { PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { openBody } from '../catalogue/catalogue-fixtures.js';

// `orderly catalogue …` goes through the same services as HTTP: a steward registers a resource from YAML and
// submits it, the reviewer approves it, and the public export lists it. One engine suffices beyond the
// service suites that run on both; the CLI adds only parsing and printing.

const engines = (await testEngines()).slice(0, 1);

describe.each(engines)('catalogue CLI on %s', (engine) => {
  let t: TestPlatform;
  let w: World;
  const cli = (args: string[], session: string): Promise<CliRun> => runCli(args, platformEnv(t, session));
  beforeAll(async () => {
    t = await startTestPlatform(engine);
    w = await buildWorld(t);
  });
  afterAll(async () => t.close());

  it('registers from YAML, submits, approves, lists and exports', { timeout: 180_000 }, async () => {
    const [s, r] = await Promise.all([
      cli(['login', '-u', 'w.steward', '-p', PASSWORD], 'steward'),
      cli(['login', '-u', 'w.reviewer', '-p', PASSWORD], 'reviewer'),
    ]);
    expect([s.code, r.code, s.stderr, r.stderr]).toEqual([0, 0, '', '']);
    const file = path.join(t.testDb.dataDir, 'library.yaml');
    fs.writeFileSync(file, stringify(openBody({ name: '命令行图书馆名录' })));
    const created = await cli(['catalogue', 'create', file], 'steward');
    expect(created.stderr).toBe('');
    const res = JSON.parse(created.stdout) as { id: string; code: string; status: string };
    expect(res.status).toBe('draft');

    const bad = path.join(t.testDb.dataDir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify(openBody({ updateCycle: 'hourly' })));
    const refused = await cli(['catalogue', 'create', bad], 'steward');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('updateCycle');

    expect((await cli(['catalogue', 'submit', res.id], 'steward')).code).toBe(0);
    const approved = await cli(['catalogue', 'review', res.id, '--approve'], 'reviewer');
    expect(approved.stderr).toBe('');
    expect(JSON.parse(approved.stdout)).toMatchObject({ status: 'published', version: 1 });

    const [list, exported, forbidden] = await Promise.all([
      cli(['catalogue', 'list', '-q', '图书'], 'steward'),
      cli(['catalogue', 'export', '--scope', 'open', '--format', 'ttl'], 'steward'),
      cli(['catalogue', 'review', res.id, '--approve'], 'steward'),
    ]);
    expect(JSON.parse(list.stdout).items.map((i: { code: string }) => i.code)).toEqual([res.code]);
    expect(exported.stdout).toContain(res.code);
    expect(exported.stdout).toContain('dcat:Dataset');
    expect(forbidden.code).toBe(4);
    // The HTTP view agrees.
    const seen = await send(t, 'GET', `/api/v1/catalogue/resources/${res.code}`, {
      token: w.tokens.consumer,
    });
    expect(seen.json()).toMatchObject({ id: res.id, status: 'published' });
  });
});
