import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE } from '../exchange/exchange-fixtures.js';
import { platformEnv, runCli, type CliRun } from '../support/cli.js';
import { testEngines } from '../support/engines.js';
import { PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { buildObjectionWorld, type ObjectionWorld } from './objection-fixtures.js';

// `orderly objections …` goes through the same services as HTTP: a consumer raises from a file (the values
// naming records stay out of the shell history), the provider's approver accepts and dismisses, the consumer
// rates. One engine: the service suites run on both, the CLI adds parsing and printing.

const engines = (await testEngines()).slice(0, 1);

describe.each(engines)('objections CLI on %s', (engine) => {
  let t: TestPlatform;
  let w: ObjectionWorld;
  const cli = (args: string[], session: string): Promise<CliRun> => runCli(args, platformEnv(t, session));
  const ok = async (args: string[], session: string) => {
    const r = await cli(args, session);
    expect([r.code, r.stderr]).toEqual([0, '']);
    return JSON.parse(r.stdout) as { id: string; status: string; items?: { id: string }[] };
  };
  beforeAll(async () => {
    t = await startTestPlatform(engine);
    w = await buildObjectionWorld(t);
  });
  afterAll(async () => t.close());

  it('raise from a file, accept, dismiss, rate', { timeout: 240_000 }, async () => {
    const logins = await Promise.all([
      cli(['login', '-u', 'w.consumer-b', '-p', PASSWORD], 'consumer'),
      cli(['login', '-u', 'w.approver', '-p', PASSWORD], 'approver'),
    ]);
    expect(logins.map((l) => l.code)).toEqual([0, 0]);
    const file = path.join(t.testDb.dataDir, 'objection.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        type: 'wrong_data',
        resourceId: w.resources.population,
        grantId: w.grantB,
        records: [{ I001: PEOPLE[3]!.id_number }],
        description: '出生日期有误',
      }),
    );
    const o = await ok(['objections', 'raise', file], 'consumer');
    expect(o.status).toBe('raised');
    expect((await ok(['objections', 'accept', o.id], 'approver')).status).toBe('accepted');
    expect((await ok(['objections', 'dismiss', o.id, '--reason', '经核实无误'], 'approver')).status).toBe(
      'dismissed',
    );
    const rated = await ok(['objections', 'rate', o.id, '--rating', '3', '--unsolved'], 'consumer');
    expect(rated).toMatchObject({ status: 'archived', rating: { rating: 3, solved: false } });
    const list = await ok(['objections', 'list', '--box', 'provider'], 'approver');
    expect(list.items!.map((x) => x.id)).toEqual([o.id]);
  });
});
