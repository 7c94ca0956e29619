import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/kernel/index.js';
import { testEngines } from '../support/engines.js';
import {
  ACTORS,
  buildWorld,
  expectError,
  grantRole,
  orgBody,
  send,
  type ActorKey,
  type World,
} from '../support/identity-helpers.js';
import { PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js';

// Who may call what: one row per route, with the status every actor must get. Actors not listed must get
// 403. Allowed writes are chosen so they can be repeated (fresh names, idempotent changes), so each row
// exercises both the allowed and the refused side of the role→permission table end to end.

const engines = await testEngines();

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
interface Case {
  method: Method;
  path: string;
  url: (w: World, a: ActorKey) => string;
  body?: (w: World, a: ActorKey) => unknown;
  /** Actors with a status other than 403. */
  expect: Partial<Record<ActorKey, number>>;
  /** Setup before an actor's call (e.g. grant the role it will revoke). */
  before?: (t: TestPlatform, w: World, a: ActorKey) => Promise<void>;
}

const all = (status: number, except: Partial<Record<ActorKey, number>> = {}) => ({
  ...Object.fromEntries(ACTORS.map((a) => [a, status])),
  ...except,
});
const ed25519Pem = () =>
  generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
// Each actor that may grant or revoke works on its own role, so rows do not depend on each other.
const roleFor = (a: ActorKey) => (a === 'secadmin' ? 'analyst' : a === 'org_admin' ? 'consumer' : 'approver');
const revokeFor = (a: ActorKey) =>
  a === 'secadmin' ? 'steward' : a === 'org_admin' ? 'approver' : 'consumer';

const CASES: Case[] = [
  { method: 'GET', path: '/me', url: () => '/api/v1/me', expect: all(200) },
  {
    method: 'GET',
    path: '/organisations',
    url: () => '/api/v1/organisations',
    expect: all(200, { auditor: 403 }),
  },
  {
    method: 'POST',
    path: '/organisations',
    url: () => '/api/v1/organisations',
    body: () => orgBody(),
    expect: { sysadmin: 201 },
  },
  {
    method: 'GET',
    path: '/organisations/:id',
    url: (w) => `/api/v1/organisations/${w.orgA}`,
    expect: all(200, { auditor: 403, org_admin_b: 403 }),
  },
  {
    method: 'PATCH',
    path: '/organisations/:id',
    url: (w) => `/api/v1/organisations/${w.orgA}`,
    body: () => ({ contactName: '张三' }),
    expect: { sysadmin: 200 },
  },
  {
    method: 'GET',
    path: '/organisations/:id/keys',
    url: (w) => `/api/v1/organisations/${w.orgA}/keys`,
    expect: { sysadmin: 200, secadmin: 200, org_admin: 200 },
  },
  {
    method: 'POST',
    path: '/organisations/:id/keys',
    url: (w) => `/api/v1/organisations/${w.orgA}/keys`,
    body: () => ({ purpose: 'signing', profile: 'intl', publicKeyPem: ed25519Pem() }),
    expect: { secadmin: 201, org_admin: 201 },
  },
  {
    method: 'POST',
    path: '/organisations/:id/keys/rotate',
    url: (w) => `/api/v1/organisations/${w.orgA}/keys/rotate`,
    body: () => ({ purpose: 'encryption', profile: 'intl' }),
    expect: { secadmin: 201, org_admin: 201 },
  },
  {
    method: 'GET',
    path: '/users',
    url: () => '/api/v1/users',
    expect: { sysadmin: 200, secadmin: 200, org_admin: 200, org_admin_b: 200 },
  },
  {
    method: 'POST',
    path: '/users',
    url: () => '/api/v1/users',
    body: (w, a) => ({
      orgId: w.orgA,
      username: `m.${a.replace('_', '-')}.${newId().slice(-6)}`,
      displayName: '新用户',
      password: PASSWORD,
    }),
    expect: { sysadmin: 201, org_admin: 201 },
  },
  {
    method: 'GET',
    path: '/users/:id',
    url: (w) => `/api/v1/users/${w.targetA}`,
    expect: { sysadmin: 200, secadmin: 200, org_admin: 200, org_admin_b: 404 },
  },
  {
    method: 'PATCH',
    path: '/users/:id',
    url: (w) => `/api/v1/users/${w.targetA}`,
    body: () => ({ displayName: '目标用户' }),
    expect: { sysadmin: 200, org_admin: 200 },
  },
  {
    method: 'POST',
    path: '/users/:id/password',
    url: (w) => `/api/v1/users/${w.targetA}/password`,
    body: () => ({ password: PASSWORD }),
    expect: { sysadmin: 204, org_admin: 204 },
  },
  {
    method: 'POST',
    path: '/users/:id/unlock',
    url: (w) => `/api/v1/users/${w.targetA}/unlock`,
    expect: { sysadmin: 200, org_admin: 200 },
  },
  {
    method: 'POST',
    path: '/users/:id/roles',
    url: (w) => `/api/v1/users/${w.targetA}/roles`,
    body: (_w, a) => ({ role: roleFor(a) }),
    expect: { secadmin: 201, org_admin: 201 },
  },
  {
    method: 'DELETE',
    path: '/users/:id/roles/:role',
    url: (w, a) => `/api/v1/users/${w.targetA}/roles/${revokeFor(a)}`,
    before: async (t, w, a) => {
      if (a === 'secadmin' || a === 'org_admin')
        await grantRole(t, w.tokens.secadmin, w.targetA, revokeFor(a));
    },
    expect: { secadmin: 200, org_admin: 200 },
  },
  {
    method: 'GET',
    path: '/clients',
    url: () => '/api/v1/clients',
    // Consumers read their organisation's clients to name them in applications (docs/sharing.md).
    expect: { sysadmin: 200, secadmin: 200, org_admin: 200, org_admin_b: 200, consumer: 200 },
  },
  {
    method: 'POST',
    path: '/clients',
    url: () => '/api/v1/clients',
    body: (w) => ({ orgId: w.orgA, name: 'matrix', authMethod: 'client_secret', scopes: ['exchange:read'] }),
    expect: { sysadmin: 201, org_admin: 201 },
  },
  {
    method: 'GET',
    path: '/clients/:id',
    url: (w) => `/api/v1/clients/${w.clientA}`,
    expect: { sysadmin: 200, secadmin: 200, org_admin: 200, org_admin_b: 404, consumer: 200 },
  },
  {
    method: 'PATCH',
    path: '/clients/:id',
    url: (w) => `/api/v1/clients/${w.clientA}`,
    body: () => ({ name: 'renamed' }),
    expect: { sysadmin: 200, org_admin: 200 },
  },
  {
    method: 'POST',
    path: '/clients/:id/secret',
    url: (w) => `/api/v1/clients/${w.clientA}/secret`,
    expect: { sysadmin: 200, org_admin: 200 },
  },
  {
    method: 'POST',
    path: '/platform/keys/rotate',
    url: () => '/api/v1/platform/keys/rotate',
    body: () => ({ purpose: 'webhook' }),
    expect: { secadmin: 201 },
  },
  { method: 'GET', path: '/audit/events', url: () => '/api/v1/audit/events', expect: { auditor: 200 } },
];

describe.each(engines)('access matrix on %s', (engine) => {
  let t: TestPlatform;
  let w: World;
  beforeAll(async () => {
    t = await startTestPlatform(engine);
    w = await buildWorld(t);
  });
  afterAll(async () => t.close());

  it.each(CASES.map((c) => [`${c.method} ${c.path}`, c] as const))('%s', async (_name, c) => {
    const expected: Record<string, number> = {};
    const actual: Record<string, number> = {};
    for (const a of ACTORS) {
      await c.before?.(t, w, a);
      const res = await send(t, c.method, c.url(w, a), { token: w.tokens[a], payload: c.body?.(w, a) });
      expected[a] = c.expect[a] ?? 403;
      actual[a] = res.statusCode;
      if (res.statusCode === 403) expectError(res, 403, 'FORBIDDEN');
      if (res.statusCode === 404) expectError(res, 404, 'NOT_FOUND');
    }
    expect(actual).toEqual(expected);
  });

  it('org_admin of A neither sees nor changes users and clients of B', async () => {
    const oa = w.tokens.org_admin;
    expectError(await send(t, 'GET', `/api/v1/users/${w.targetB}`, { token: oa }), 404, 'NOT_FOUND');
    expectError(await send(t, 'GET', `/api/v1/clients/${w.clientB}`, { token: oa }), 404, 'NOT_FOUND');
    const patch = await send(t, 'PATCH', `/api/v1/users/${w.targetB}`, {
      token: oa,
      payload: { displayName: 'x' },
    });
    expectError(patch, 403, 'FORBIDDEN');
    const users = (await send(t, 'GET', `/api/v1/users?orgId=${w.orgB}`, { token: oa })).json<
      { orgId: string }[]
    >();
    expect(users.length).toBeGreaterThan(0);
    expect(users.every((u) => u.orgId === w.orgA)).toBe(true);
    const clients = (await send(t, 'GET', `/api/v1/clients?orgId=${w.orgB}`, { token: oa })).json<
      { id: string; orgId: string }[]
    >();
    expect(clients.map((c) => c.id)).toContain(w.clientA);
    expect(clients.every((c) => c.orgId === w.orgA)).toBe(true);
    const orgs = (await send(t, 'GET', '/api/v1/organisations', { token: w.tokens.steward })).json<
      { id: string }[]
    >();
    expect(orgs.map((o) => o.id)).toEqual([w.orgA]);
  });

  it('an org_admin may neither grant org_admin nor an operator role, nor create users holding them', async () => {
    const oa = w.tokens.org_admin;
    for (const role of ['org_admin', 'reviewer', 'auditor']) {
      const grant = await send(t, 'POST', `/api/v1/users/${w.targetA}/roles`, {
        token: oa,
        payload: { role },
      });
      expectError(grant, 403, 'FORBIDDEN');
      const create = await send(t, 'POST', '/api/v1/users', {
        token: oa,
        payload: {
          orgId: w.orgA,
          username: `x.${role}`,
          displayName: 'x',
          password: PASSWORD,
          roles: [role],
        },
      });
      expectError(create, 403, 'FORBIDDEN');
    }
  });

  it('answers 401 UNAUTHENTICATED on every non-public route without a token or with a bad one', async () => {
    const routes = t.platform.routes.filter((r) => r.auth !== 'public');
    expect(routes.length).toBeGreaterThanOrEqual(22);
    for (const r of routes) {
      const url = r.url.replace(':id', newId()).replace(':role', 'steward');
      const method = r.method as Method;
      const payload = method === 'GET' || method === 'DELETE' ? undefined : {};
      // 'optional' routes serve anonymous callers (less), but a bad token is still refused.
      if (r.auth !== 'optional') expectError(await send(t, method, url, { payload }), 401, 'UNAUTHENTICATED');
      expectError(await send(t, method, url, { payload, token: 'e30.e30.sig' }), 401, 'UNAUTHENTICATED');
    }
  });

  it('keeps the organisations of other departments apart for org roles (403 on a foreign id)', async () => {
    for (const a of ['steward', 'approver', 'consumer', 'analyst'] as const) {
      const res = await send(t, 'GET', `/api/v1/organisations/${w.orgB}`, { token: w.tokens[a] });
      expectError(res, 403, 'FORBIDDEN');
    }
  });
});
