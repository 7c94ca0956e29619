import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/modules/identity/index.js';
import { runCli, platformEnv, type CliRun } from '../support/cli.js';
import { testEngines } from '../support/engines.js';
import { createOrg, createUser, grantRole, newUscc, send, tokenFor } from '../support/identity-helpers.js';
import { PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js';

// The `orderly` CLI acts only as a logged-in user, through the same services and checks as HTTP. It runs
// here as a real child process (tsx) against the test platform's database and keyring. Each run costs
// ~2–3 s, so the flows are few and independent flows run side by side with their own session files.

const engines = await testEngines();

describe.each(engines)('CLI authentication on %s', (engine) => {
  let t: TestPlatform;
  let orgA: string;
  let sys: string;
  let aud: string;
  beforeAll(async () => {
    t = await startTestPlatform(engine);
    // The CLI verifies TOTP codes with the wall clock; keep the platform's HTTP logins just behind it so a
    // code the CLI checks later always belongs to a newer time step.
    t.clock.set(new Date(Date.now() - 10 * 60_000));
    sys = await tokenFor(t, 'sysadmin');
    aud = await tokenFor(t, 'auditor');
    const sec = await tokenFor(t, 'secadmin');
    orgA = await createOrg(t, sys, { name: '命令行测试局' });
    await grantRole(t, sec, await createUser(t, sys, { orgId: orgA, username: 'cli.admin' }), 'org_admin');
    await grantRole(t, sec, await createUser(t, sys, { orgId: orgA, username: 'cli.steward' }), 'steward');
  });
  afterAll(async () => t.close());

  /** Runs `orderly <args>` against the test platform; `session` picks a separate session file. */
  const cli = (args: string[], session?: string): Promise<CliRun> => runCli(args, platformEnv(t, session));

  it(
    'refuses a command without login, then runs it as the logged-in org_admin',
    { timeout: 120_000 },
    async () => {
      const before = await cli(['orgs', 'list']);
      expect(before.code).toBe(3);
      expect(before.stderr).toContain('error UNAUTHENTICATED');
      expect(before.stdout).toBe('');

      const login = await cli(['login', '-u', 'cli.admin', '-p', PASSWORD]);
      expect(login.stderr).toBe('');
      expect(login.code).toBe(0);
      expect(login.stdout).toContain('logged in as cli.admin (org_admin)');

      const after = await cli(['orgs', 'list']);
      expect(after.stderr).toBe('');
      expect(after.code).toBe(0);
      const orgs = JSON.parse(after.stdout) as { id: string }[];
      expect(orgs.map((o) => o.id)).toEqual([orgA]);
    },
  );

  it(
    'refuses orgs create to a steward with FORBIDDEN and lets sysadmin (with --totp) do it',
    { timeout: 120_000 },
    async () => {
      const uscc = newUscc();
      const create = [
        'orgs',
        'create',
        '--name',
        '命令行新建局',
        '--uscc',
        uscc,
        '--region',
        '330106',
        '--level',
        'county',
        '--no-keys',
      ];
      const steward = async () => {
        const login = await cli(['login', '-u', 'cli.steward', '-p', PASSWORD], 'steward');
        expect(login.code).toBe(0);
        return cli(create, 'steward');
      };
      const sysadmin = async () => {
        const code = totpCode(t.totp.sysadmin!, new Date());
        const login = await cli(['login', '-u', 'sysadmin', '-p', PASSWORD, '--totp', code], 'sysadmin');
        expect(login.stderr).toBe('');
        expect(login.code).toBe(0);
      };
      const [refused] = await Promise.all([steward(), sysadmin()]);
      expect(refused.code).toBe(4);
      expect(refused.stderr).toContain('error FORBIDDEN');

      const created = await cli(create, 'sysadmin');
      expect(created.stderr).toBe('');
      expect(created.code).toBe(0);
      const org = JSON.parse(created.stdout) as { id: string; uscc: string };
      expect(org.uscc).toBe(uscc);
      const seen = await send(t, 'GET', `/api/v1/organisations/${org.id}`, { token: sys });
      expect(seen.json()).toMatchObject({ id: org.id, name: '命令行新建局' });
      const events = (await send(t, 'GET', `/api/v1/audit/events?subjectId=${org.id}`, { token: aud })).json<
        { action: string; actorId: string }[]
      >();
      const sysId = (await send(t, 'GET', '/api/v1/me', { token: sys })).json<{ user: { id: string } }>().user
        .id;
      expect(events.map((e) => [e.action, e.actorId])).toEqual([['identity.org.create', sysId]]);
    },
  );
});
