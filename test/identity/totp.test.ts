import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/modules/identity/index.js';
import { testEngines } from '../support/engines.js';
import {
  createUser,
  expectError,
  grantRole,
  invalidFields,
  loginTokens,
  newAuditEvents,
  send,
  tokenFor,
} from '../support/identity-helpers.js';
import { PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js';

// The three duties need a second factor. Someone granted a duty later must enrol an authenticator before
// logging in, and a session opened without the second factor stops working the moment a duty is granted.

const engines = await testEngines();

describe.each(engines)('TOTP on %s', (engine) => {
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

  const login = (username: string, totp?: string) =>
    send(t, 'POST', '/api/v1/auth/login', {
      payload: { username, password: PASSWORD, ...(totp !== undefined && { totpCode: totp }) },
    });

  it('requires a code from every duty holder and refuses a wrong or malformed one', async () => {
    for (const u of ['sysadmin', 'secadmin', 'auditor']) expectError(await login(u), 401, 'TOTP_REQUIRED');
    expectError(await login('auditor', '123456'), 401, 'UNAUTHENTICATED');
    expect(invalidFields(await login('auditor', '12ab56'))).toEqual(['totpCode']);
    const { accessToken } = await loginTokens(t, 'auditor');
    expect((await send(t, 'GET', '/api/v1/me', { token: accessToken })).json()).toMatchObject({ mfa: true });
  });

  it('lets one code open only one session, even when logins race', async () => {
    t.clock.advance(30_000);
    const code = totpCode(t.totp.secadmin!, t.clock.now());
    const results = await Promise.all([0, 1, 2].map(() => login('secadmin', code)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401, 401]);
    for (const r of results.filter((x) => x.statusCode === 401)) expectError(r, 401, 'UNAUTHENTICATED');
  });

  it('makes a user granted a duty enrol: login → enroll → confirm → login with a code', async () => {
    const id = await createUser(t, sys, { orgId: operatorId, username: 'new.auditor' });
    await grantRole(t, sec, id, 'auditor');

    const first = await login('new.auditor');
    const err = expectError(first, 401, 'TOTP_ENROLLMENT_REQUIRED');
    const enrollmentToken = (err.details as { enrollmentToken: string }).enrollmentToken;
    expect(enrollmentToken).toMatch(/^ey/);
    // The enrolment token is not an access token.
    expectError(await send(t, 'GET', '/api/v1/me', { token: enrollmentToken }), 401, 'UNAUTHENTICATED');
    // Confirming before enrolling has nothing to confirm.
    const early = await send(t, 'POST', '/api/v1/auth/totp/confirm', {
      payload: { enrollmentToken, totpCode: '123456' },
    });
    expectError(early, 422, 'UNPROCESSABLE');

    let secret = '';
    const enrolEvents = await newAuditEvents(t, async () => {
      const enroll = await send(t, 'POST', '/api/v1/auth/totp/enroll', { payload: { enrollmentToken } });
      expect(enroll.statusCode).toBe(200);
      const body = enroll.json<{ secret: string; otpauthUri: string }>();
      expect(body.secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(body.otpauthUri).toMatch(/^otpauth:\/\/totp\/Orderly:new\.auditor\?/);
      secret = body.secret;
    });
    expect(enrolEvents.map((e) => e.action)).toEqual(['identity.user.totp.enroll']);
    // Enrolled but not confirmed: still no login.
    expectError(await login('new.auditor'), 401, 'TOTP_ENROLLMENT_REQUIRED');

    const wrong = await send(t, 'POST', '/api/v1/auth/totp/confirm', {
      payload: { enrollmentToken, totpCode: totpCode(secret, new Date(t.clock.now().getTime() - 3_600_000)) },
    });
    expectError(wrong, 401, 'UNAUTHENTICATED');
    const confirmEvents = await newAuditEvents(t, async () => {
      const confirm = await send(t, 'POST', '/api/v1/auth/totp/confirm', {
        payload: { enrollmentToken, totpCode: totpCode(secret, t.clock.now()) },
      });
      expect(confirm.statusCode).toBe(204);
    });
    expect(confirmEvents.map((e) => [e.action, e.subject_id])).toEqual([['identity.user.totp.confirm', id]]);
    const twice = await send(t, 'POST', '/api/v1/auth/totp/enroll', { payload: { enrollmentToken } });
    expectError(twice, 409, 'CONFLICT');

    expectError(await login('new.auditor'), 401, 'TOTP_REQUIRED');
    // The confirming code's step is spent; the next step's code works.
    expectError(await login('new.auditor', totpCode(secret, t.clock.now())), 401, 'UNAUTHENTICATED');
    const { accessToken } = await loginTokens(t, 'new.auditor', { totpSecret: secret });
    expect((await send(t, 'GET', '/api/v1/me', { token: accessToken })).json()).toMatchObject({
      mfa: true,
      roles: ['auditor'],
      user: { totpEnabled: true },
    });
    expect((await send(t, 'GET', '/api/v1/audit/events', { token: accessToken })).statusCode).toBe(200);
  });

  it('refuses an expired or malformed enrolment token', async () => {
    const id = await createUser(t, sys, { orgId: operatorId, username: 'late.sysadmin' });
    await grantRole(t, sec, id, 'sysadmin');
    const err = expectError(await login('late.sysadmin'), 401, 'TOTP_ENROLLMENT_REQUIRED');
    const enrollmentToken = (err.details as { enrollmentToken: string }).enrollmentToken;
    t.clock.advance(11 * 60_000);
    const late = await send(t, 'POST', '/api/v1/auth/totp/enroll', { payload: { enrollmentToken } });
    expectError(late, 401, 'UNAUTHENTICATED');
    expect(invalidFields(await send(t, 'POST', '/api/v1/auth/totp/enroll', { payload: {} }))).toEqual([
      'enrollmentToken',
    ]);
    const forged = await send(t, 'POST', '/api/v1/auth/totp/enroll', {
      payload: { enrollmentToken: `${enrollmentToken.slice(0, -4)}AAAA` },
    });
    expectError(forged, 401, 'UNAUTHENTICATED');
    // An access token is not an enrolment token.
    const access = await tokenFor(t, 'sysadmin');
    expectError(
      await send(t, 'POST', '/api/v1/auth/totp/enroll', { payload: { enrollmentToken: access } }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('refuses a live session without a second factor once its user is granted a duty', async () => {
    const id = await createUser(t, sys, { orgId: operatorId, username: 'promoted' });
    const { accessToken, refreshToken } = await loginTokens(t, 'promoted');
    expect((await send(t, 'GET', '/api/v1/me', { token: accessToken })).statusCode).toBe(200);
    await grantRole(t, sec, id, 'secadmin');
    expectError(await send(t, 'GET', '/api/v1/me', { token: accessToken }), 401, 'TOTP_REQUIRED');
    // Not even the new duty's own routes.
    const rotate = await send(t, 'POST', '/api/v1/platform/keys/rotate', {
      token: accessToken,
      payload: { purpose: 'webhook' },
    });
    expectError(rotate, 401, 'TOTP_REQUIRED');
    // Refreshing the old session does not help: refresh itself refuses a session without a second factor.
    const r = await send(t, 'POST', '/api/v1/auth/refresh', { payload: { refreshToken } });
    expectError(r, 401, 'TOTP_REQUIRED');
    expectError(await login('promoted'), 401, 'TOTP_ENROLLMENT_REQUIRED');
  });
});
