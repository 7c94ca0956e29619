import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/modules/identity/index.js';
import { testEngines } from '../support/engines.js';
import { call, login, PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js';

const engines = await testEngines();

describe.each(engines)('auth on %s', (engine) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform(engine);
  });
  afterAll(async () => t.close());

  it('requires TOTP for the three duties', async () => {
    const res = await call(t, 'POST', '/api/v1/auth/login', undefined, {
      username: 'auditor',
      password: PASSWORD,
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('TOTP_REQUIRED');
    const wrong = await call(t, 'POST', '/api/v1/auth/login', undefined, {
      username: 'auditor',
      password: PASSWORD,
      totpCode: '000000',
    });
    expect(wrong.statusCode).toBe(401);
    expect(await login(t, 'auditor')).toMatch(/^ey/);
  });

  it('refuses a TOTP code twice (replay)', async () => {
    t.clock.advance(30_000);
    const code = totpCode(t.totp.secadmin!, t.clock.now());
    const first = await call(t, 'POST', '/api/v1/auth/login', undefined, {
      username: 'secadmin',
      password: PASSWORD,
      totpCode: code,
    });
    expect(first.statusCode).toBe(200);
    const again = await call(t, 'POST', '/api/v1/auth/login', undefined, {
      username: 'secadmin',
      password: PASSWORD,
      totpCode: code,
    });
    expect(again.statusCode).toBe(401);
  });

  it('answers 401 in the error shape without a token, and for a garbage token', async () => {
    const none = await call(t, 'GET', '/api/v1/me');
    expect(none.statusCode).toBe(401);
    const body = none.json();
    expect(body.error.code).toBe('UNAUTHENTICATED');
    expect(body.error.requestId).toBe(none.headers['x-request-id']);
    const bad = await call(t, 'GET', '/api/v1/me', 'not.a.token');
    expect(bad.statusCode).toBe(401);
  });

  it('locks an account after five wrong passwords and an admin unlocks it', async () => {
    const sys = await login(t, 'sysadmin');
    const me = (await call(t, 'GET', '/api/v1/me', sys)).json();
    const created = await call(t, 'POST', '/api/v1/users', sys, {
      orgId: me.organisation.id,
      username: 'lockme',
      displayName: '锁定测试',
      password: PASSWORD,
    });
    expect(created.statusCode).toBe(201);
    for (let i = 0; i < 5; i++) {
      const r = await call(t, 'POST', '/api/v1/auth/login', undefined, {
        username: 'lockme',
        password: 'Wrong-pass-1',
      });
      expect(r.statusCode).toBe(401);
    }
    const locked = await call(t, 'POST', '/api/v1/auth/login', undefined, {
      username: 'lockme',
      password: PASSWORD,
    });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('LOCKED');
    const unlock = await call(t, 'POST', `/api/v1/users/${created.json().id}/unlock`, sys);
    expect(unlock.statusCode).toBe(200);
    expect(await login(t, 'lockme')).toMatch(/^ey/);
  });

  it('rotates refresh tokens and ends the family on reuse', async () => {
    const res = await call(t, 'POST', '/api/v1/auth/login', undefined, {
      username: 'lockme',
      password: PASSWORD,
    });
    const { refreshToken } = res.json();
    const r1 = await call(t, 'POST', '/api/v1/auth/refresh', undefined, { refreshToken });
    expect(r1.statusCode).toBe(200);
    const reuse = await call(t, 'POST', '/api/v1/auth/refresh', undefined, { refreshToken });
    expect(reuse.statusCode).toBe(401);
    // The token issued by the first refresh belongs to the ended family and stops working too.
    const r2 = await call(t, 'POST', '/api/v1/auth/refresh', undefined, {
      refreshToken: r1.json().refreshToken,
    });
    expect(r2.statusCode).toBe(401);
    const me = await call(t, 'GET', '/api/v1/me', r1.json().accessToken);
    expect(me.statusCode).toBe(401);
  });

  it('logout ends the session', async () => {
    const token = await login(t, 'lockme');
    expect((await call(t, 'POST', '/api/v1/auth/logout', token)).statusCode).toBe(204);
    expect((await call(t, 'GET', '/api/v1/me', token)).statusCode).toBe(401);
  });
});
