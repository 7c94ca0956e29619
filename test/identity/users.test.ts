import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousContext, AppError, newId } from '../../src/kernel/index.js';
import { testEngines } from '../support/engines.js';
import {
  countRows,
  createOrg,
  createUser,
  expectError,
  grantRole,
  invalidFields,
  loginTokens,
  send,
  tokenFor,
} from '../support/identity-helpers.js';
import { PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js';

// Users over HTTP: the lifecycle (create, read, search, change, reset, lock/unlock, disable), validation,
// duplicate usernames, and no partial writes when a creation is refused.

const engines = await testEngines();
const NEW_PASSWORD = 'Another-Passw0rd!';

describe.each(engines)('users on %s', (engine) => {
  let t: TestPlatform;
  let sys: string;
  let sec: string;
  let orgA: string;
  let orgAdmin: string;
  beforeAll(async () => {
    t = await startTestPlatform(engine);
    sys = await tokenFor(t, 'sysadmin');
    sec = await tokenFor(t, 'secadmin');
    orgA = await createOrg(t, sys, { keys: 'none' });
    await grantRole(t, sec, await createUser(t, sys, { orgId: orgA, username: 'u.admin' }), 'org_admin');
    orgAdmin = await tokenFor(t, 'u.admin');
  });
  afterAll(async () => t.close());

  const userRows = () => countRows(t, 'users');

  it('creates a user with roles (org_admin, own org) and reads, searches and changes them', async () => {
    const res = await send(t, 'POST', '/api/v1/users', {
      token: orgAdmin,
      payload: {
        orgId: orgA,
        username: ' Li.Si ',
        displayName: '李四',
        email: 'lisi@example.gov.cn',
        phone: '+86 138-0000-0000',
        password: PASSWORD,
        roles: ['steward', 'approver', 'steward'],
      },
    });
    expect(res.statusCode).toBe(201);
    const u = res.json<{ id: string }>();
    expect(u).toMatchObject({
      orgId: orgA,
      username: 'li.si',
      displayName: '李四',
      email: 'lisi@example.gov.cn',
      roles: ['approver', 'steward'],
      status: 'active',
      locked: false,
      totpEnabled: false,
    });
    expect(JSON.stringify(u)).not.toMatch(/password|hash|totp_secret/i);
    expect((await send(t, 'GET', `/api/v1/users/${u.id}`, { token: sec })).json()).toEqual(u);
    const found = (
      await send(t, 'GET', `/api/v1/users?q=${encodeURIComponent('李')}`, { token: orgAdmin })
    ).json<{ id: string }[]>();
    expect(found.map((x) => x.id)).toEqual([u.id]);
    const inOrg = (await send(t, 'GET', `/api/v1/users?orgId=${orgA}`, { token: sys })).json<
      { orgId: string }[]
    >();
    expect(inOrg.length).toBe(2);
    const patched = await send(t, 'PATCH', `/api/v1/users/${u.id}`, {
      token: orgAdmin,
      payload: { displayName: '李四（数据管理员）', phone: null },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      displayName: '李四（数据管理员）',
      phone: null,
      email: 'lisi@example.gov.cn',
    });
    const me = await send(t, 'GET', '/api/v1/me', { token: await tokenFor(t, 'li.si') });
    expect(me.json()).toMatchObject({
      user: { id: u.id },
      organisation: { id: orgA },
      roles: ['approver', 'steward'],
    });
  });

  it('searches with LIKE wildcards and backslashes in the text without failing (both engines)', async () => {
    for (const q of ['\\', '%', '_', 'a\\_b', '100%']) {
      const res = await send(t, 'GET', `/api/v1/users?q=${encodeURIComponent(q)}`, { token: sys });
      expect(res.statusCode, q).toBe(200);
      const orgs = await send(t, 'GET', `/api/v1/organisations?q=${encodeURIComponent(q)}`, { token: sys });
      expect(orgs.statusCode, q).toBe(200);
    }
  });

  it('answers field-level 400s', async () => {
    const create = async (payload: Record<string, unknown>) =>
      invalidFields(
        await send(t, 'POST', '/api/v1/users', {
          token: sys,
          payload: { orgId: orgA, username: 'valid.name', displayName: '名', password: PASSWORD, ...payload },
        }),
      );
    expect(await create({ username: '1abc' })).toEqual(['username']);
    expect(await create({ username: 'ab' })).toEqual(['username']);
    expect(await create({ password: 'short' })).toEqual(['password']);
    expect(await create({ email: 'x@' })).toEqual(['email']);
    expect(await create({ roles: ['king'] })).toEqual(['roles.0']);
    expect(await create({ orgId: 'org-a' })).toEqual(['orgId']);
    expect(await create({ displayName: '' })).toEqual(['displayName']);
    expect(await create({ admin: true })).toEqual(['(body)']);
    const id = newId();
    expect(invalidFields(await send(t, 'GET', '/api/v1/users/123', { token: sys }))).toEqual(['id']);
    const empty = await send(t, 'PATCH', `/api/v1/users/${id}`, { token: sys, payload: {} });
    expect(invalidFields(empty)).toEqual(['(body)']);
    const status = await send(t, 'PATCH', `/api/v1/users/${id}`, { token: sys, payload: { status: 'gone' } });
    expect(invalidFields(status)).toEqual(['status']);
    const reset = await send(t, 'POST', `/api/v1/users/${id}/password`, {
      token: sys,
      payload: { password: 'x' },
    });
    expect(invalidFields(reset)).toEqual(['password']);
    const role = await send(t, 'DELETE', `/api/v1/users/${id}/roles/king`, { token: sec });
    expect(invalidFields(role)).toEqual(['role']);
    const grant = await send(t, 'POST', `/api/v1/users/${id}/roles`, {
      token: sec,
      payload: { role: 'king' },
    });
    expect(invalidFields(grant)).toEqual(['role']);
    expectError(await send(t, 'GET', `/api/v1/users/${id}`, { token: sys }), 404, 'NOT_FOUND');
    const org404 = await send(t, 'POST', '/api/v1/users', {
      token: sys,
      payload: { orgId: id, username: 'nobody.here', displayName: 'x', password: PASSWORD },
    });
    expectError(org404, 404, 'NOT_FOUND');
  });

  it('refuses a duplicate username (any case) with 409 on field username', async () => {
    await createUser(t, sys, { orgId: orgA, username: 'dup.user' });
    const before = await userRows();
    for (const username of ['dup.user', 'DUP.User']) {
      const res = await send(t, 'POST', '/api/v1/users', {
        token: sys,
        payload: { orgId: orgA, username, displayName: 'x', password: PASSWORD },
      });
      expect(expectError(res, 409, 'CONFLICT').details).toEqual({ field: 'username' });
    }
    expect(await userRows()).toBe(before);
  });

  it('creates exactly one user when requests race for the same username', async () => {
    const before = await userRows();
    const results = await Promise.all(
      [0, 1, 2].map(() =>
        send(t, 'POST', '/api/v1/users', {
          token: sys,
          payload: { orgId: orgA, username: 'race.user', displayName: 'x', password: PASSWORD },
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    expect(await userRows()).toBe(before + 1);
  });

  it('leaves no user, role or audit event behind when a creation is refused', async () => {
    const count = async () => [
      await userRows(),
      await countRows(t, 'user_roles'),
      await countRows(t, 'audit_events'),
    ];
    const before = await count();
    // Over HTTP: an org_admin may not hand out an operator role, even beside a department role.
    const http = await send(t, 'POST', '/api/v1/users', {
      token: orgAdmin,
      payload: {
        orgId: orgA,
        username: 'sod.http',
        displayName: 'x',
        password: PASSWORD,
        roles: ['steward', 'reviewer'],
      },
    });
    expectError(http, 403, 'FORBIDDEN');
    // No legitimate actor holds both user.write and role.assign (that is the separation of duties itself),
    // so the service's own SoD guard is exercised with an actor that has both, through the real service.
    const sysId = (await send(t, 'GET', '/api/v1/me', { token: sys })).json<{
      user: { id: string; orgId: string };
    }>().user;
    const both = {
      ...anonymousContext(newId(), '127.0.0.1'),
      actor: {
        kind: 'user' as const,
        id: sysId.id,
        orgId: sysId.orgId,
        roles: ['sysadmin', 'secadmin'] as const,
        scopes: [],
        mfa: true,
      },
    };
    for (const roles of [['sysadmin', 'auditor'], ['auditor', 'steward'], ['reviewer']] as const) {
      const err = await t.platform.identity.users
        .create(both, {
          orgId: orgA,
          username: `sod.${roles[0]}`,
          displayName: 'x',
          password: PASSWORD,
          roles: [...roles],
        })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('CONFLICT');
      expect((err as AppError).details).toMatchObject({ rule: 'separation-of-duties' });
    }
    expect(await count()).toEqual(before);
  });

  it('resets a password (ending sessions), locks after failures and unlocks', async () => {
    const id = await createUser(t, orgAdmin, { orgId: orgA, username: 'reset.me' });
    const old = await tokenFor(t, 'reset.me');
    const reset = await send(t, 'POST', `/api/v1/users/${id}/password`, {
      token: orgAdmin,
      payload: { password: NEW_PASSWORD },
    });
    expect(reset.statusCode).toBe(204);
    expectError(await send(t, 'GET', '/api/v1/me', { token: old }), 401, 'UNAUTHENTICATED');
    const wrong = await send(t, 'POST', '/api/v1/auth/login', {
      payload: { username: 'reset.me', password: PASSWORD },
    });
    expectError(wrong, 401, 'UNAUTHENTICATED');
    for (let i = 0; i < 4; i++)
      await send(t, 'POST', '/api/v1/auth/login', {
        payload: { username: 'reset.me', password: 'Wrong-pass-1' },
      });
    const locked = await send(t, 'POST', '/api/v1/auth/login', {
      payload: { username: 'reset.me', password: NEW_PASSWORD },
    });
    expectError(locked, 423, 'LOCKED');
    expect((await send(t, 'GET', `/api/v1/users/${id}`, { token: sys })).json()).toMatchObject({
      locked: true,
    });
    const unlocked = await send(t, 'POST', `/api/v1/users/${id}/unlock`, { token: sys });
    expect(unlocked.json()).toMatchObject({ locked: false });
    expect(await tokenFor(t, 'reset.me', NEW_PASSWORD)).toMatch(/^ey/);
  });

  it('disables a user (ending sessions) but never oneself', async () => {
    const id = await createUser(t, sys, { orgId: orgA, username: 'disable.me' });
    const { accessToken } = await loginTokens(t, 'disable.me');
    const res = await send(t, 'PATCH', `/api/v1/users/${id}`, {
      token: orgAdmin,
      payload: { status: 'disabled' },
    });
    expect(res.json()).toMatchObject({ status: 'disabled' });
    expectError(await send(t, 'GET', '/api/v1/me', { token: accessToken }), 401, 'UNAUTHENTICATED');
    const login = await send(t, 'POST', '/api/v1/auth/login', {
      payload: { username: 'disable.me', password: PASSWORD },
    });
    expectError(login, 401, 'UNAUTHENTICATED');
    const me = (await send(t, 'GET', '/api/v1/me', { token: orgAdmin })).json<{ user: { id: string } }>().user
      .id;
    const self = await send(t, 'PATCH', `/api/v1/users/${me}`, {
      token: orgAdmin,
      payload: { status: 'disabled' },
    });
    expectError(self, 422, 'UNPROCESSABLE');
  });

  it('grants and revokes a role; revoking ends the holder’s sessions', async () => {
    const id = await createUser(t, sys, { orgId: orgA, username: 'roles.me' });
    const grant = await send(t, 'POST', `/api/v1/users/${id}/roles`, {
      token: orgAdmin,
      payload: { role: 'analyst' },
    });
    expect(grant.statusCode).toBe(201);
    expect(grant.json()).toMatchObject({ roles: ['analyst'] });
    const again = await send(t, 'POST', `/api/v1/users/${id}/roles`, {
      token: sec,
      payload: { role: 'analyst' },
    });
    expect(expectError(again, 409, 'CONFLICT').details).toEqual({ field: 'role' });
    const token = await tokenFor(t, 'roles.me');
    expect((await send(t, 'GET', '/api/v1/me', { token })).json()).toMatchObject({ roles: ['analyst'] });
    const revoke = await send(t, 'DELETE', `/api/v1/users/${id}/roles/analyst`, { token: orgAdmin });
    expect(revoke.json()).toMatchObject({ roles: [] });
    expectError(await send(t, 'GET', '/api/v1/me', { token }), 401, 'UNAUTHENTICATED');
    const missing = await send(t, 'DELETE', `/api/v1/users/${id}/roles/analyst`, { token: sec });
    expectError(missing, 404, 'NOT_FOUND');
  });

  it('changes one’s own password only with the current one', async () => {
    await createUser(t, sys, { orgId: orgA, username: 'own.pw' });
    const token = await tokenFor(t, 'own.pw');
    const wrong = await send(t, 'POST', '/api/v1/me/password', {
      token,
      payload: { currentPassword: 'nope', newPassword: NEW_PASSWORD },
    });
    expect(invalidFields(wrong)).toEqual(['currentPassword']);
    const weak = await send(t, 'POST', '/api/v1/me/password', {
      token,
      payload: { currentPassword: PASSWORD, newPassword: 'weak' },
    });
    expect(invalidFields(weak)).toEqual(['newPassword']);
    const ok = await send(t, 'POST', '/api/v1/me/password', {
      token,
      payload: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(ok.statusCode).toBe(204);
    expect(await tokenFor(t, 'own.pw', NEW_PASSWORD)).toMatch(/^ey/);
  });
});
