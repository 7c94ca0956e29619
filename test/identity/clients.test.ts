import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/kernel/index.js';
import { testEngines } from '../support/engines.js';
import {
  createOrg,
  createUser,
  expectError,
  grantRole,
  invalidFields,
  newAuditEvents,
  send,
  tokenFor,
} from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

// API clients with a client secret: registration (secret shown once), the client-credentials token endpoint
// (form-encoded, RFC 6749 §4.4), what a client token may not do, scopes, secret rotation and disabling.

const engines = await testEngines();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe.each(engines)('API clients (client_secret) on %s', (engine) => {
  let t: TestPlatform;
  let sys: string;
  let orgAdmin: string;
  let orgId: string;
  beforeAll(async () => {
    t = await startTestPlatform(engine);
    sys = await tokenFor(t, 'sysadmin');
    const sec = await tokenFor(t, 'secadmin');
    orgId = await createOrg(t, sys, { keys: 'none' });
    await grantRole(t, sec, await createUser(t, sys, { orgId, username: 'cl.admin' }), 'org_admin');
    orgAdmin = await tokenFor(t, 'cl.admin');
  });
  afterAll(async () => t.close());

  const register = async (extra: Record<string, unknown> = {}) => {
    const res = await send(t, 'POST', '/api/v1/clients', {
      token: orgAdmin,
      payload: {
        orgId,
        name: '人口库接口',
        authMethod: 'client_secret',
        scopes: ['exchange:read', 'catalogue:read'],
        ...extra,
      },
    });
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string; clientSecret: string; scopes: string[] }>();
  };
  const form = (fields: Record<string, string>, remoteAddress?: string) =>
    send(t, 'POST', '/api/v1/auth/token', {
      payload: new URLSearchParams({ grant_type: 'client_credentials', ...fields }).toString(),
      headers: FORM,
      ...(remoteAddress && { remoteAddress }),
    });

  it('registers a client and shows its secret exactly once', async () => {
    const c = await register({ ipAllow: ['10.0.0.0/8', '2001:db8::/32'] });
    expect(c.clientSecret).toMatch(/^ocs_[A-Za-z0-9_-]{43}$/);
    expect(c).toMatchObject({ orgId, authMethod: 'client_secret', status: 'active', publicKeyPem: null });
    expect(c.scopes).toEqual(['catalogue:read', 'exchange:read']);
    const got = await send(t, 'GET', `/api/v1/clients/${c.id}`, { token: orgAdmin });
    expect(got.statusCode).toBe(200);
    expect(got.body).not.toContain(c.clientSecret);
    expect(got.json()).not.toHaveProperty('clientSecret');
    const list = await send(t, 'GET', '/api/v1/clients', { token: sys });
    expect(list.json<{ id: string }[]>().map((x) => x.id)).toContain(c.id);
    expect(list.body).not.toContain(c.clientSecret);
  });

  it('issues a token for the secret (form-encoded and JSON) and audits it', async () => {
    const c = await register();
    const events = await newAuditEvents(t, async () => {
      const res = await form({ client_id: c.id, client_secret: c.clientSecret });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        access_token: expect.stringMatching(/^ey/) as unknown,
        token_type: 'Bearer',
        expires_in: 86400,
        scope: 'catalogue:read exchange:read',
      });
    });
    expect(events.map((e) => [e.action, e.actor_id, e.subject_id])).toEqual([
      ['identity.client.token', c.id, c.id],
    ]);
    expect(events[0]!.details).not.toContain(c.clientSecret);
    const json = await send(t, 'POST', '/api/v1/auth/token', {
      payload: {
        grant_type: 'client_credentials',
        client_id: c.id,
        client_secret: c.clientSecret,
        scope: 'exchange:read',
      },
    });
    expect(json.json()).toMatchObject({ scope: 'exchange:read' });
  });

  it('refuses a client token on every user-only route with 403', async () => {
    const c = await register();
    const token = (await form({ client_id: c.id, client_secret: c.clientSecret })).json<{
      access_token: string;
    }>().access_token;
    const userRoutes = t.platform.routes.filter((r) => r.auth === 'user');
    expect(userRoutes.length).toBeGreaterThanOrEqual(22);
    for (const r of userRoutes) {
      const url = r.url.replace(':id', c.id).replace(':role', 'steward');
      const payload = r.method === 'GET' || r.method === 'DELETE' ? undefined : {};
      const res = await send(t, r.method as 'GET', url, { token, payload });
      expect(expectError(res, 403, 'FORBIDDEN').details, `${r.method} ${r.url}`).toEqual({
        permission: 'user session',
      });
    }
  });

  it('refuses wrong secrets, unknown clients and malformed requests', async () => {
    const c = await register();
    expectError(await form({ client_id: c.id, client_secret: 'ocs_wrong' }), 401, 'UNAUTHENTICATED');
    expectError(await form({ client_id: newId(), client_secret: c.clientSecret }), 401, 'UNAUTHENTICATED');
    expectError(await form({ client_id: 'garbage', client_secret: c.clientSecret }), 401, 'UNAUTHENTICATED');
    expect(invalidFields(await form({ client_id: c.id }))).toEqual(['client_assertion']);
    const pw = await send(t, 'POST', '/api/v1/auth/token', {
      payload: `grant_type=password&client_id=${c.id}&client_secret=${c.clientSecret}`,
      headers: FORM,
    });
    expect(invalidFields(pw)).toEqual(['grant_type']);
    const assertion = await form({ client_assertion: 'a.b.c' });
    expect(invalidFields(assertion)).toEqual(['client_assertion_type']);
  });

  it('refuses a scope outside the client’s scopes with 403', async () => {
    const c = await register({ scopes: ['exchange:read'] });
    const res = await form({
      client_id: c.id,
      client_secret: c.clientSecret,
      scope: 'exchange:read exchange:subscribe',
    });
    expectError(res, 403, 'FORBIDDEN');
    const other = await form({ client_id: c.id, client_secret: c.clientSecret, scope: 'admin' });
    expectError(other, 403, 'FORBIDDEN');
  });

  it('refuses callers outside the IP allow-list with 403', async () => {
    const c = await register({ ipAllow: ['192.0.2.0/24'] });
    expectError(
      await form({ client_id: c.id, client_secret: c.clientSecret }, '198.51.100.7'),
      403,
      'FORBIDDEN',
    );
    const ok = await form({ client_id: c.id, client_secret: c.clientSecret }, '192.0.2.10');
    expect(ok.statusCode).toBe(200);
  });

  it('rotates the secret: the old one stops at once, the new one works', async () => {
    const c = await register();
    const res = await send(t, 'POST', `/api/v1/clients/${c.id}/secret`, { token: orgAdmin });
    expect(res.statusCode).toBe(200);
    const { clientId, clientSecret } = res.json<{ clientId: string; clientSecret: string }>();
    expect(clientId).toBe(c.id);
    expect(clientSecret).not.toBe(c.clientSecret);
    expectError(await form({ client_id: c.id, client_secret: c.clientSecret }), 401, 'UNAUTHENTICATED');
    expect((await form({ client_id: c.id, client_secret: clientSecret })).statusCode).toBe(200);
  });

  it('disables a client: no new tokens, and issued tokens stop working', async () => {
    const c = await register();
    const token = (await form({ client_id: c.id, client_secret: c.clientSecret })).json<{
      access_token: string;
    }>().access_token;
    expectError(await send(t, 'GET', '/api/v1/me', { token }), 403, 'FORBIDDEN');
    const off = await send(t, 'PATCH', `/api/v1/clients/${c.id}`, {
      token: orgAdmin,
      payload: { status: 'disabled' },
    });
    expect(off.json()).toMatchObject({ status: 'disabled' });
    expectError(await form({ client_id: c.id, client_secret: c.clientSecret }), 401, 'UNAUTHENTICATED');
    expectError(await send(t, 'GET', '/api/v1/me', { token }), 401, 'UNAUTHENTICATED');
  });

  it('changes name, allow-list and scopes', async () => {
    const c = await register();
    const res = await send(t, 'PATCH', `/api/v1/clients/${c.id}`, {
      token: sys,
      payload: { name: '新名称', ipAllow: ['127.0.0.1'], scopes: ['exchange:verify'] },
    });
    expect(res.json()).toMatchObject({ name: '新名称', ipAllow: ['127.0.0.1'], scopes: ['exchange:verify'] });
  });

  it('answers field-level 400s, 404 and 422', async () => {
    const create = async (payload: Record<string, unknown>) =>
      invalidFields(
        await send(t, 'POST', '/api/v1/clients', {
          token: orgAdmin,
          payload: { orgId, name: 'x', authMethod: 'client_secret', scopes: ['exchange:read'], ...payload },
        }),
      );
    const x25519 = generateKeyPairSync('x25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(await create({ ipAllow: ['10.0.0.0/33'] })).toEqual(['ipAllow.0']);
    expect(await create({ ipAllow: ['any'] })).toEqual(['ipAllow.0']);
    expect(await create({ scopes: [] })).toEqual(['scopes']);
    expect(await create({ scopes: ['root'] })).toEqual(['scopes.0']);
    expect(await create({ authMethod: 'mtls' })).toEqual(['authMethod']);
    expect(await create({ authMethod: 'private_key_jwt' })).toEqual(['publicKeyPem']);
    expect(await create({ authMethod: 'private_key_jwt', publicKeyPem: x25519 })).toEqual(['publicKeyPem']);
    expect(await create({ authMethod: 'private_key_jwt', publicKeyPem: 'junk' })).toEqual(['publicKeyPem']);
    expect(await create({ orgId: 'x' })).toEqual(['orgId']);
    expect(invalidFields(await send(t, 'GET', '/api/v1/clients/xyz', { token: sys }))).toEqual(['id']);
    const c = await register();
    const empty = await send(t, 'PATCH', `/api/v1/clients/${c.id}`, { token: sys, payload: {} });
    expect(invalidFields(empty)).toEqual(['(body)']);
    expectError(await send(t, 'GET', `/api/v1/clients/${newId()}`, { token: sys }), 404, 'NOT_FOUND');
    const missingOrg = await send(t, 'POST', '/api/v1/clients', {
      token: sys,
      payload: { orgId: newId(), name: 'x', authMethod: 'client_secret', scopes: ['exchange:read'] },
    });
    expectError(missingOrg, 404, 'NOT_FOUND');
    const ed = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const keyed = await register({ authMethod: 'private_key_jwt', publicKeyPem: ed });
    expect(keyed).not.toHaveProperty('clientSecret');
    const rot = await send(t, 'POST', `/api/v1/clients/${keyed.id}/secret`, { token: orgAdmin });
    expectError(rot, 422, 'UNPROCESSABLE');
  });
});
