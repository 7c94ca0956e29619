import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, USCC_CHARSET } from '../../src/kernel/index.js';
import { testEngines } from '../support/engines.js';
import {
  countRows,
  createUser,
  expectError,
  grantRole,
  invalidFields,
  newUscc,
  orgBody,
  send,
  tokenFor,
} from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

// Organisations over HTTP: the happy path, field-level validation, duplicate USCC, no partial writes when a
// creation fails, and what disabling an organisation does to its users and clients.

const engines = await testEngines();

/** The same code with a different (wrong) check character. */
function badChecksum(uscc: string): string {
  const last = uscc.charAt(17);
  const other = USCC_CHARSET.charAt((USCC_CHARSET.indexOf(last) + 1) % USCC_CHARSET.length);
  return uscc.slice(0, 17) + other;
}

describe.each(engines)('organisations on %s', (engine) => {
  let t: TestPlatform;
  let sys: string;
  let sec: string;
  let operatorId: string;
  beforeAll(async () => {
    t = await startTestPlatform(engine);
    sys = await tokenFor(t, 'sysadmin');
    sec = await tokenFor(t, 'secadmin');
    operatorId = (await send(t, 'GET', '/api/v1/me', { token: sys })).json<{ organisation: { id: string } }>()
      .organisation.id;
  });
  afterAll(async () => t.close());

  const snapshot = async () => ({
    orgs: await countRows(t, 'organisations'),
    keys: await countRows(t, 'org_keys'),
    events: await countRows(t, 'audit_events'),
  });

  it('creates, reads, lists, searches and changes an organisation', async () => {
    const uscc = newUscc();
    const created = await send(t, 'POST', '/api/v1/organisations', {
      token: sys,
      payload: {
        name: '测试市自然资源和规划局',
        shortName: '资规局',
        uscc: uscc.toLowerCase(),
        regionCode: ' 330106 ',
        level: 'municipal',
        parentId: operatorId,
        contactName: '王五',
        contactPhone: '0571-87654321',
        contactEmail: 'zgj@example.gov.cn',
      },
    });
    expect(created.statusCode).toBe(201);
    const org = created.json<Record<string, unknown> & { id: string }>();
    expect(org).toMatchObject({
      name: '测试市自然资源和规划局',
      shortName: '资规局',
      uscc,
      regionCode: '330106',
      regionName: expect.stringContaining('西湖区') as unknown,
      level: 'municipal',
      parentId: operatorId,
      isOperator: false,
      contact: { name: '王五', phone: '0571-87654321', email: 'zgj@example.gov.cn' },
      status: 'active',
    });
    const got = await send(t, 'GET', `/api/v1/organisations/${org.id}`, { token: sec });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(org);
    const byName = (
      await send(t, 'GET', `/api/v1/organisations?q=${encodeURIComponent('规划')}`, { token: sys })
    )
      .json<{ id: string }[]>()
      .map((o) => o.id);
    expect(byName).toEqual([org.id]);
    const byUscc = (await send(t, 'GET', `/api/v1/organisations?q=${uscc}`, { token: sys })).json<
      { id: string }[]
    >();
    expect(byUscc.map((o) => o.id)).toEqual([org.id]);
    const page = (await send(t, 'GET', '/api/v1/organisations?limit=1&offset=1', { token: sys })).json<
      unknown[]
    >();
    expect(page).toHaveLength(1);
    const patched = await send(t, 'PATCH', `/api/v1/organisations/${org.id}`, {
      token: sys,
      payload: { name: '测试市规划局', contactEmail: null, level: 'county' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: '测试市规划局', level: 'county', contact: { email: null } });
  });

  it('answers field-level 400s', async () => {
    const bad = async (payload: Record<string, unknown>) =>
      invalidFields(
        await send(t, 'POST', '/api/v1/organisations', { token: sys, payload: orgBody(payload) }),
      );
    expect(await bad({ uscc: badChecksum(newUscc()) })).toEqual(['uscc']);
    expect(await bad({ uscc: '12345' })).toEqual(['uscc']);
    expect(await bad({ regionCode: '999999' })).toEqual(['regionCode']);
    expect(await bad({ level: 'city' })).toEqual(['level']);
    expect(await bad({ name: '   ' })).toEqual(['name']);
    expect(await bad({ contactEmail: 'not-an-email' })).toEqual(['contactEmail']);
    expect(await bad({ contactPhone: 'call me' })).toEqual(['contactPhone']);
    expect(await bad({ parentId: 'nope' })).toEqual(['parentId']);
    expect(await bad({ parentId: newId() })).toEqual(['parentId']);
    expect(await bad({ keys: 'some' })).toEqual(['keys']);
    expect(await bad({ colour: 'red' })).toEqual(['(body)']);
    expect(invalidFields(await send(t, 'GET', '/api/v1/organisations/not-a-uuid', { token: sys }))).toEqual([
      'id',
    ]);
    expect(invalidFields(await send(t, 'GET', '/api/v1/organisations?limit=0', { token: sys }))).toEqual([
      'limit',
    ]);
    const id = (await send(t, 'GET', '/api/v1/organisations', { token: sys })).json<{ id: string }[]>()[0]!
      .id;
    const empty = await send(t, 'PATCH', `/api/v1/organisations/${id}`, { token: sys, payload: {} });
    expect(invalidFields(empty)).toEqual(['(body)']);
    const self = await send(t, 'PATCH', `/api/v1/organisations/${id}`, {
      token: sys,
      payload: { parentId: id },
    });
    expect(invalidFields(self)).toEqual(['parentId']);
    const badPatch = await send(t, 'PATCH', `/api/v1/organisations/${id}`, {
      token: sys,
      payload: { regionCode: '000000' },
    });
    expect(invalidFields(badPatch)).toEqual(['regionCode']);
  });

  it('answers 404 for an unknown organisation and 422 for disabling the operator', async () => {
    expectError(await send(t, 'GET', `/api/v1/organisations/${newId()}`, { token: sys }), 404, 'NOT_FOUND');
    const patch = await send(t, 'PATCH', `/api/v1/organisations/${newId()}`, {
      token: sys,
      payload: { name: 'x' },
    });
    expectError(patch, 404, 'NOT_FOUND');
    const op = await send(t, 'PATCH', `/api/v1/organisations/${operatorId}`, {
      token: sys,
      payload: { status: 'disabled' },
    });
    expectError(op, 422, 'UNPROCESSABLE');
  });

  it('refuses a duplicate USCC with 409 on field uscc and writes nothing', async () => {
    const body = orgBody();
    expect((await send(t, 'POST', '/api/v1/organisations', { token: sys, payload: body })).statusCode).toBe(
      201,
    );
    const before = await snapshot();
    const again = await send(t, 'POST', '/api/v1/organisations', {
      token: sys,
      payload: { ...body, name: '另一个名字' },
    });
    expect(expectError(again, 409, 'CONFLICT').details).toEqual({ field: 'uscc' });
    const second = await send(t, 'POST', '/api/v1/organisations', {
      token: sys,
      payload: orgBody({ isOperator: true }),
    });
    expect(expectError(second, 409, 'CONFLICT').details).toEqual({ field: 'isOperator' });
    expect(await snapshot()).toEqual(before);
  });

  it('leaves no organisation, key or audit event behind after a refused creation', async () => {
    const before = await snapshot();
    const refused = [
      await send(t, 'POST', '/api/v1/organisations', { token: sys, payload: orgBody({ parentId: newId() }) }),
      await send(t, 'POST', '/api/v1/organisations', { token: sec, payload: orgBody() }),
      await send(t, 'POST', '/api/v1/organisations', {
        token: sys,
        payload: orgBody({ regionCode: '990000' }),
      }),
    ];
    expect(refused.map((r) => r.statusCode)).toEqual([400, 403, 400]);
    expect(await snapshot()).toEqual(before);
  });

  it('creates exactly one organisation when two requests race for the same USCC', async () => {
    const before = await snapshot();
    const body = orgBody();
    const results = await Promise.all(
      [0, 1, 2].map(() => send(t, 'POST', '/api/v1/organisations', { token: sys, payload: body })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409))
      expect(expectError(r, 409, 'CONFLICT').details).toEqual({ field: 'uscc' });
    const after = await snapshot();
    // One organisation, its four key pairs, and five events (the organisation and each key).
    expect(after).toEqual({ orgs: before.orgs + 1, keys: before.keys + 4, events: before.events + 5 });
  });

  it('cuts off the users and API clients of a disabled organisation, including live sessions', async () => {
    const orgId = (
      await send(t, 'POST', '/api/v1/organisations', { token: sys, payload: orgBody({ keys: 'none' }) })
    ).json<{ id: string }>().id;
    const userId = await createUser(t, sys, { orgId, username: 'dis.admin' });
    await grantRole(t, sec, userId, 'org_admin');
    const login = await send(t, 'POST', '/api/v1/auth/login', {
      payload: { username: 'dis.admin', password: 'Test-Passw0rd!' },
    });
    const { accessToken, refreshToken } = login.json<{ accessToken: string; refreshToken: string }>();
    const client = (
      await send(t, 'POST', '/api/v1/clients', {
        token: accessToken,
        payload: { orgId, name: 'c', authMethod: 'client_secret', scopes: ['exchange:read'] },
      })
    ).json<{ id: string; clientSecret: string }>();
    const form = `grant_type=client_credentials&client_id=${client.id}&client_secret=${client.clientSecret}`;
    const tokenReq = () =>
      send(t, 'POST', '/api/v1/auth/token', {
        payload: form,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    const clientToken = (await tokenReq()).json<{ access_token: string }>().access_token;

    const off = await send(t, 'PATCH', `/api/v1/organisations/${orgId}`, {
      token: sys,
      payload: { status: 'disabled' },
    });
    expect(off.json()).toMatchObject({ status: 'disabled' });
    const relogin = await send(t, 'POST', '/api/v1/auth/login', {
      payload: { username: 'dis.admin', password: 'Test-Passw0rd!' },
    });
    expectError(relogin, 401, 'UNAUTHENTICATED');
    expectError(await send(t, 'GET', '/api/v1/me', { token: accessToken }), 401, 'UNAUTHENTICATED');
    const refreshed = await send(t, 'POST', '/api/v1/auth/refresh', { payload: { refreshToken } });
    expectError(refreshed, 401, 'UNAUTHENTICATED');
    expectError(await tokenReq(), 401, 'UNAUTHENTICATED');
    expectError(await send(t, 'GET', '/api/v1/me', { token: clientToken }), 401, 'UNAUTHENTICATED');

    await send(t, 'PATCH', `/api/v1/organisations/${orgId}`, { token: sys, payload: { status: 'active' } });
    expect(await tokenFor(t, 'dis.admin')).toMatch(/^ey/);
  });
});
