import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/kernel/index.js';
import { testEngines } from '../support/engines.js';
import {
  countRows,
  createOrg,
  createUser,
  expectError,
  grantRole,
  send,
  tokenFor,
} from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

// 三员分立: no user holds two of sysadmin, secadmin, auditor; a duty is never combined with another role and
// belongs to the operator organisation; reviewer is an operator role; nobody changes their own roles. A
// refused grant changes nothing.

const engines = await testEngines();

describe.each(engines)('separation of duties on %s', (engine) => {
  let t: TestPlatform;
  let sys: string;
  let sec: string;
  let operatorId: string;
  let deptId: string;
  let n = 0;
  beforeAll(async () => {
    t = await startTestPlatform(engine);
    sys = await tokenFor(t, 'sysadmin');
    sec = await tokenFor(t, 'secadmin');
    operatorId = (await send(t, 'GET', '/api/v1/me', { token: sys })).json<{ organisation: { id: string } }>()
      .organisation.id;
    deptId = await createOrg(t, sys, { keys: 'none' });
  });
  afterAll(async () => t.close());

  /** A fresh user of an organisation holding the given roles (granted by secadmin). */
  const userWith = async (orgId: string, roles: Role[]) => {
    const id = await createUser(t, sys, { orgId, username: `sod.${++n}` });
    for (const r of roles) await grantRole(t, sec, id, r);
    return id;
  };
  const grant = (id: string, role: string, token = sec) =>
    send(t, 'POST', `/api/v1/users/${id}/roles`, { token, payload: { role } });
  const state = async () => [await countRows(t, 'user_roles'), await countRows(t, 'audit_events')];

  const refusals: [string, 'operator' | 'dept', Role[], Role][] = [
    ['a second duty (auditor + sysadmin)', 'operator', ['auditor'], 'sysadmin'],
    ['a second duty (sysadmin + secadmin)', 'operator', ['sysadmin'], 'secadmin'],
    ['a second duty (secadmin + auditor)', 'operator', ['secadmin'], 'auditor'],
    ['a duty beside an org role', 'operator', ['steward'], 'auditor'],
    ['an org role beside a duty', 'operator', ['sysadmin'], 'approver'],
    ['reviewer beside a duty', 'operator', ['secadmin'], 'reviewer'],
    ['a duty beside reviewer', 'operator', ['reviewer'], 'sysadmin'],
    ['a duty to a department user', 'dept', [], 'auditor'],
    ['a duty to a department org_admin', 'dept', ['org_admin'], 'secadmin'],
    ['reviewer to a department user', 'dept', [], 'reviewer'],
    ['reviewer to a department steward', 'dept', ['steward'], 'reviewer'],
  ];

  it.each(refusals)(
    'refuses %s with 409 separation-of-duties and changes nothing',
    async (_n, org, held, role) => {
      const id = await userWith(org === 'operator' ? operatorId : deptId, held);
      const before = await state();
      const res = await grant(id, role);
      const err = expectError(res, 409, 'CONFLICT');
      expect(err.details).toMatchObject({ rule: 'separation-of-duties', field: 'role' });
      expect(await state()).toEqual(before);
      const user = (await send(t, 'GET', `/api/v1/users/${id}`, { token: sec })).json<{ roles: string[] }>();
      expect(user.roles).toEqual([...held].sort());
    },
  );

  it('allows one duty in the operator organisation, and reviewer beside org roles there', async () => {
    const duty = await userWith(operatorId, []);
    expect((await grant(duty, 'auditor')).statusCode).toBe(201);
    const reviewer = await userWith(operatorId, ['steward']);
    const res = await grant(reviewer, 'reviewer');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ roles: ['reviewer', 'steward'] });
  });

  it('lets a duty move: revoke the old one, then grant another', async () => {
    const id = await userWith(operatorId, ['sysadmin']);
    expect((await send(t, 'DELETE', `/api/v1/users/${id}/roles/sysadmin`, { token: sec })).statusCode).toBe(
      200,
    );
    expect((await grant(id, 'auditor')).statusCode).toBe(201);
  });

  it('refuses changes to one’s own roles with 403', async () => {
    const me = (await send(t, 'GET', '/api/v1/me', { token: sec })).json<{ user: { id: string } }>().user.id;
    expectError(await grant(me, 'auditor'), 403, 'FORBIDDEN');
    expectError(await grant(me, 'steward'), 403, 'FORBIDDEN');
    expectError(
      await send(t, 'DELETE', `/api/v1/users/${me}/roles/secadmin`, { token: sec }),
      403,
      'FORBIDDEN',
    );
    const adminId = await userWith(deptId, ['org_admin']);
    const oa = await tokenFor(t, `sod.${n}`);
    expectError(await grant(adminId, 'steward', oa), 403, 'FORBIDDEN');
    expectError(
      await send(t, 'DELETE', `/api/v1/users/${adminId}/roles/org_admin`, { token: oa }),
      403,
      'FORBIDDEN',
    );
    const roles = (await send(t, 'GET', `/api/v1/users/${adminId}`, { token: sec })).json<{
      roles: string[];
    }>();
    expect(roles.roles).toEqual(['org_admin']);
  });

  it('keeps department admins away from duty holders', async () => {
    const adminId = await userWith(operatorId, ['org_admin']);
    const oa = await tokenFor(t, `sod.${n}`);
    const auditorId = (await send(t, 'GET', '/api/v1/users?q=auditor', { token: sys }))
      .json<{ id: string; username: string }[]>()
      .find((u) => u.username === 'auditor')!.id;
    expect(adminId).not.toBe(auditorId);
    const patch = await send(t, 'PATCH', `/api/v1/users/${auditorId}`, {
      token: oa,
      payload: { status: 'disabled' },
    });
    expectError(patch, 403, 'FORBIDDEN');
    const reset = await send(t, 'POST', `/api/v1/users/${auditorId}/password`, {
      token: oa,
      payload: { password: 'Hijack-Passw0rd!' },
    });
    expectError(reset, 403, 'FORBIDDEN');
  });
});
