import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, systemContext, type HostLookup } from '../../src/kernel/index.js';
import { webhookUrlProblem } from '../../src/modules/notifications/domain/url-policy.js';
import { webhookTargetProblem } from '../../src/modules/notifications/webhook-target.js';
import { testEngines } from '../support/engines.js';
import { buildWorld, send, type World } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { startReceiver, type Receiver } from './receiver.js';

// Webhook targets may not reach the platform's own network: the URL text is checked at registration, and
// the addresses a host name resolves to are checked again at every delivery.

describe('webhook URL text', () => {
  it.each([
    ['http://localhost/x', 'this machine'],
    ['http://localhost./x', 'this machine'],
    ['http://a.localhost/x', 'this machine'],
    ['http://127.0.0.1/x', 'private or loopback'],
    ['http://[::1]/x', 'private or loopback'],
    ['http://[::ffff:10.0.0.1]/x', 'private or loopback'],
    ['http://[64:ff9b::a00:1]/x', 'private or loopback'],
    ['http://100.64.1.1/x', 'private or loopback'],
    ['http://169.254.169.254/latest/meta-data', 'private or loopback'],
    ['http://0.0.0.0:8080/', 'private or loopback'],
    ['https://user:pw@example.org/', 'credentials'],
    ['ftp://example.org/', 'https'],
  ])('%s is refused (%s)', (url, why) => {
    expect(webhookUrlProblem(url, false)).toContain(why);
  });

  it.each(['https://example.org/hook', 'http://8.8.8.8/hook', 'https://[2001:4860::8888]/'])(
    '%s is accepted',
    (url) => expect(webhookUrlProblem(url, false)).toBeNull(),
  );

  it('allows private targets only when the operator says so', () => {
    expect(webhookUrlProblem('http://127.0.0.1/x', true)).toBeNull();
    expect(webhookUrlProblem('ftp://127.0.0.1/x', true)).toContain('https');
  });
});

describe('webhook target resolution', () => {
  const dns =
    (table: Record<string, string[]>): HostLookup =>
    async (host) => {
      const found = table[host];
      if (!found) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
      return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    };
  const lookup = dns({
    'hooks.example.org': ['93.184.216.34'],
    'intranet.example.org': ['93.184.216.34', '10.1.2.3'],
    'metadata.example.org': ['169.254.169.254'],
    'mapped.example.org': ['::ffff:192.168.1.1'],
    'empty.example.org': [],
  });

  it('refuses a public-looking name that resolves to any non-public address', async () => {
    expect(await webhookTargetProblem('https://hooks.example.org/x', false, lookup)).toBeNull();
    expect(await webhookTargetProblem('https://intranet.example.org/x', false, lookup)).toMatch(
      /resolves to 10\.1\.2\.3, a private address/,
    );
    expect(await webhookTargetProblem('https://metadata.example.org/x', false, lookup)).toMatch(/link-local/);
    expect(await webhookTargetProblem('https://mapped.example.org/x', false, lookup)).toMatch(/private/);
    expect(await webhookTargetProblem('https://empty.example.org/x', false, lookup)).toMatch(/no addresses/);
    expect(await webhookTargetProblem('https://nowhere.example.org/x', false, lookup)).toMatch(/ENOTFOUND/);
  });

  it('does not resolve when private targets are allowed, and never resolves literals', async () => {
    const never: HostLookup = () => Promise.reject(new Error('must not be called'));
    expect(await webhookTargetProblem('https://intranet.example.org/x', true, never)).toBeNull();
    expect(await webhookTargetProblem('https://8.8.8.8/x', false, never)).toBeNull();
  });
});

const engines = await testEngines();

describe.each(engines)('webhook delivery to a name of this machine on %s', (engine) => {
  let t: TestPlatform;
  let w: World;
  let rx: Receiver;
  beforeAll(async () => {
    t = await startTestPlatform(engine); // private targets not allowed (the default)
    w = await buildWorld(t);
    rx = await startReceiver(0);
  });
  afterAll(async () => {
    await rx.close();
    await t.close();
  });

  it('accepts the name at registration but refuses every delivery, recording why', async () => {
    // The machine's own host name passes the text check and resolves to one of its own addresses.
    const url = rx.url.replace('127.0.0.1', os.hostname());
    const created = await send(t, 'POST', `/api/v1/organisations/${w.orgA}/webhooks`, {
      token: w.tokens.org_admin,
      payload: { url, events: ['alert.*'] },
    });
    expect(created.statusCode).toBe(201);
    await t.platform.db.kysely.transaction().execute((tx) =>
      t.platform.alerts.raise(tx, systemContext('test', newId()), {
        severity: 'warning',
        source: 'test',
        type: 'test.delivery',
        title: '内网地址',
        subjectType: 'organisation',
        subjectId: w.orgA,
        orgId: w.orgA,
        responsibleRole: 'org_admin',
      }),
    );
    expect(await t.platform.runner.runOnce()).toBe(true);
    expect(rx.seen).toHaveLength(0);
    const deliveries = (
      await send(t, 'GET', `/api/v1/webhooks/${created.json().id}/deliveries`, { token: w.tokens.org_admin })
    ).json();
    expect(deliveries[0].status).toBe('retrying');
    expect(deliveries[0].attempts[0].statusCode).toBeNull();
    expect(deliveries[0].attempts[0].error).toMatch(/refused: .* resolves to .*(loopback|private)/);
  });
});
