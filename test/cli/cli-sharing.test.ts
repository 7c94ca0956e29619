import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { platformEnv, runCli, type CliRun } from '../support/cli.js';
import { testEngines } from '../support/engines.js';
import { send } from '../support/identity-helpers.js';
import { PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { applicationBody, buildSharingWorld, type SharingWorld } from '../sharing/sharing-fixtures.js';

// `orderly sharing|grants|demands …` goes through the same services as HTTP: a consumer applies from YAML for
// a conditional and an unconditional resource, the provider's approver approves its part with a scope file,
// the consumer sees both grants, the approver revokes one; the demand list round trip; a wrong role exits 4.
// One engine: the service suites run on both, the CLI adds parsing and printing.

const engines = (await testEngines()).slice(0, 1);

describe.each(engines)('sharing CLI on %s', (engine) => {
  let t: TestPlatform;
  let w: SharingWorld;
  const cli = (args: string[], session: string): Promise<CliRun> => runCli(args, platformEnv(t, session));
  const ok = async (args: string[], session: string) => {
    const r = await cli(args, session);
    expect([r.code, r.stderr]).toEqual([0, '']);
    return JSON.parse(r.stdout) as Record<string, unknown> & { id: string };
  };
  const file = (name: string, doc: unknown) => {
    const f = path.join(t.testDb.dataDir, name);
    fs.writeFileSync(f, name.endsWith('.json') ? JSON.stringify(doc) : stringify(doc));
    return f;
  };
  beforeAll(async () => {
    t = await startTestPlatform(engine);
    w = await buildSharingWorld(t);
  });
  afterAll(async () => t.close());

  it('applies, decides with a scope file, lists and revokes grants', { timeout: 240_000 }, async () => {
    const logins = await Promise.all([
      cli(['login', '-u', 'w.consumer-b', '-p', PASSWORD], 'consumer'),
      cli(['login', '-u', 'w.approver', '-p', PASSWORD], 'approver'),
    ]);
    expect(logins.map((l) => l.code)).toEqual([0, 0]);
    const doc = file(
      'application.yaml',
      applicationBody(w, [
        { resourceId: w.resources.population, items: ['I001', 'I002', 'I003'], methods: ['api'] },
        { resourceId: w.resources.libraries, items: ['I001', 'I002'], methods: ['api'] },
      ]),
    );
    const app = await ok(['sharing', 'apply', doc, '--submit'], 'consumer');
    const parts = app.parts as { id: string; resourceId: string; status: string }[];
    const pop = parts.find((p) => p.resourceId === w.resources.population)!;
    // The unconditional part is granted at once; the conditional one waits for its provider.
    expect(parts.find((p) => p.resourceId === w.resources.libraries)!.status).toBe('approved');
    expect(pop.status).toBe('pending');

    const queue = await ok(['sharing', 'queue'], 'approver');
    expect(JSON.stringify(queue)).toContain(pop.id);
    const scope = file('scope.json', {
      items: [{ code: 'I001' }, { code: 'I003' }],
      rowFilter: { eq: { item: 'I003', value: '1' } },
    });
    // The consumer cannot decide a provider's part: exit code 4 (forbidden).
    const denied = await cli(
      ['sharing', 'decide', app.id, pop.id, '--decision', 'approve', '--scope', scope],
      'consumer',
    );
    expect(denied.code).toBe(4);
    const decided = await ok(
      ['sharing', 'decide', app.id, pop.id, '--decision', 'approve', '--scope', scope],
      'approver',
    );
    expect(decided.status).toBe('decided');

    const grants = (await ok(['grants', 'list', '--box', 'consumer'], 'consumer')) as unknown as {
      items: { id: string; resourceId: string; status: string }[];
    };
    expect(grants.items.map((g) => g.resourceId).sort()).toEqual(
      [w.resources.population, w.resources.libraries].sort(),
    );
    const g = grants.items.find((x) => x.resourceId === w.resources.population)!;
    const revoked = await ok(['grants', 'revoke', g.id, '--reason', '用途已完成'], 'approver');
    expect(revoked.status).toBe('revoked');
    // Digests (with their salts) are for auditors only.
    expect((await cli(['sharing', 'digest', 'a'.repeat(64)], 'consumer')).code).toBe(4);
    // HTTP sees the same state.
    const seen = await send(t, 'GET', `/api/v1/sharing/grants/${g.id}`, { token: w.consumerB });
    expect(seen.json()).toMatchObject({ id: g.id, status: 'revoked' });
  });

  it('posts, routes and answers a demand', { timeout: 180_000 }, async () => {
    await Promise.all([
      cli(['login', '-u', 'w.consumer-b', '-p', PASSWORD], 'consumer'),
      cli(['login', '-u', 'w.reviewer', '-p', PASSWORD], 'reviewer'),
      cli(['login', '-u', 'w.approver-c', '-p', PASSWORD], 'approver-c'),
    ]);
    const d = await ok(
      [
        'demands',
        'post',
        '--title',
        '房屋租赁备案信息',
        '--purpose',
        '低保家庭住房核对',
        '--suggested-org',
        w.orgC,
      ],
      'consumer',
    );
    expect(d.status).toBe('open');
    expect((await ok(['demands', 'route', d.id, '--provider', w.orgC], 'reviewer')).status).toBe('routed');
    const answered = await ok(
      ['demands', 'answer', d.id, '--answer', 'exists', '--resource', w.resources.property],
      'approver-c',
    );
    expect(answered.status).toBe('answered');
    const bad = await cli(['demands', 'answer', d.id, '--answer', 'maybe'], 'approver-c');
    expect(bad.code).toBe(2);
  });
});
